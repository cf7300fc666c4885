"""franka-bridge: the latentmpc.bridge.v1 robot bridge for a real Franka Panda or FR3.

Runs on the robot's control PC and serves the RobotBridge gRPC service that latent-mpc's
`robot.source: bridge` connects to. Drivers: `franky` (libfranka), `polymetis` (DROID rigs) and
`kinematic` (no hardware). See franka-bridge/README.md.
"""
