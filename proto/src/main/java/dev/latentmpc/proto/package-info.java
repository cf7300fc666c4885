/**
 * Operator and robot-bridge wire contracts.
 *
 * <p>This module will hold the protobuf definitions under {@code src/main/proto}: {@code
 * latentmpc/control/v1} (the operator gRPC API that takes goal images and streams progress) and
 * {@code latentmpc/bridge/v1} (the robot bridge that reads the arm state and executes end-effector
 * deltas), plus the Java and gRPC code generated from them. Protobuf types stay in proto,
 * controller and deploy; the planner and world model speak plain records and arrays.
 */
package dev.latentmpc.proto;
