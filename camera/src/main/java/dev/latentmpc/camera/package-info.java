/**
 * Camera input for the control loop.
 *
 * <p>{@code CameraIO} hands out the latest frame with its capture timestamps and sequence number;
 * {@code CameraIOOpenCv} (in {@code dev.latentmpc.camera.opencv}) reads a real device, stream, file
 * or still image through OpenCV, and the simulated harness and the robot bridge client provide
 * their own implementations. A camera that cannot give a frame throws {@code
 * CameraUnavailableException} saying why (the service's UNAVAILABLE); one whose frames do not fit
 * its configuration throws the subclass {@code CameraFrameMismatchException} (FAILED_PRECONDITION).
 * Frames are turned into model input with the world model's shared preprocessing, so training,
 * export and the service resize and normalise identically.
 */
package dev.latentmpc.camera;
