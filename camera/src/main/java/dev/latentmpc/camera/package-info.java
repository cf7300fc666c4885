/**
 * Camera input for the control loop.
 *
 * <p>{@code CameraIO} hands out the latest frame with its capture timestamp and sequence number;
 * {@code CameraIOOpenCv} reads a real device through OpenCV, and the simulated harness provides its
 * own implementation. Frames are turned into model input with the world model's shared
 * preprocessing, so training, export and the service resize and normalise identically.
 */
package dev.latentmpc.camera;
