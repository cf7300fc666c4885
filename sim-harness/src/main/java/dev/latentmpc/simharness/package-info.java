/**
 * Simulated world for development and benchmarks.
 *
 * <p>A simulated Franka with a scene and renderer ({@code ArmIOSim}, {@code CameraIOSim} and a
 * robot-bridge server), tasks with their success metrics, the dataset generator used to train the
 * embedded default model, and the closed-loop benchmark.
 */
package dev.latentmpc.simharness;
