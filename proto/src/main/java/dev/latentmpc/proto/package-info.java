/**
 * Operator and robot-bridge wire contracts.
 *
 * <p>The protobuf definitions live under {@code src/main/proto}: {@code latentmpc/bridge/v1} (the
 * robot bridge that reads the arm state, executes end-effector deltas and serves camera frames,
 * spoken by the simulator and by real robot bridges) and, with the operator API, {@code
 * latentmpc/control/v1} (goal images in, step events out); the Java and gRPC code is generated from
 * them at build time. Protobuf types stay in proto, controller and deploy; the planner and world
 * model speak plain records and arrays.
 */
package dev.latentmpc.proto;
