/**
 * The robot bridge server: the simulated arm and camera served over gRPC with the bridge protocol
 * ({@code latentmpc.bridge.v1.RobotBridge}) that a real robot bridge also speaks.
 *
 * <p>{@link dev.latentmpc.simharness.bridge.SimBridgeServer} owns the server lifecycle (port,
 * health, reflection, graceful shutdown) and takes a {@code ServerBuilder} so that tests choose the
 * transport; {@link dev.latentmpc.simharness.bridge.RobotBridgeService} only maps protobuf messages
 * to the {@code ArmIO} and {@code CameraIO} seams and domain errors to gRPC statuses. Nothing here
 * knows it serves a simulation: any {@code ArmIO}/{@code CameraIO} pair can be served.
 */
package dev.latentmpc.simharness.bridge;
