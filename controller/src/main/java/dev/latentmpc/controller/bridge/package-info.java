/**
 * Clients of the robot bridge protocol ({@code latentmpc.bridge.v1.RobotBridge}): the arm and the
 * camera of a real Franka bridge or of {@code latent-mpc sim serve}, over gRPC.
 *
 * <p>{@link dev.latentmpc.controller.bridge.BridgeChannel} owns one connection (plaintext, or TLS
 * and a bearer token as {@link dev.latentmpc.controller.bridge.BridgeSecurity} says; keep-alive;
 * reconnects left to gRPC's channel); {@link dev.latentmpc.controller.bridge.ArmIOBridge} and
 * {@link dev.latentmpc.controller.bridge.CameraIOBridge} implement the controller's {@code ArmIO}
 * and {@code CameraIO} seams on top of it, with a deadline on every call and gRPC statuses mapped
 * to the seams' exceptions. {@link dev.latentmpc.controller.bridge.BridgeClientConfig} holds the
 * validated settings. Protobuf types stay inside this package.
 */
package dev.latentmpc.controller.bridge;
