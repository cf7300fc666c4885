/**
 * The OpenCV camera: {@link dev.latentmpc.camera.opencv.CameraIOOpenCv} reads a V4L2 device, an
 * HTTP MJPEG stream, a network stream OpenCV can open, a video file or a still image on a capture
 * thread that keeps only the newest frame, and turns it into the RGB frames the controller plans on
 * (BGR→RGB, crop, rotation) as an immutable {@link dev.latentmpc.camera.opencv.CameraConfig} says.
 *
 * <p>Native memory discipline: every {@code Mat}, {@code VideoCapture} and pointer is owned by one
 * object and released explicitly (try-with-resources or {@code close()}), never left to the garbage
 * collector. The capture thread owns the device and the Mat it reads into; the frame slot owns the
 * newest raw frame and the conversion buffers, behind its lock.
 */
package dev.latentmpc.camera.opencv;
