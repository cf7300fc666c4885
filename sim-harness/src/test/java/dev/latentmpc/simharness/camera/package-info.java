/**
 * Tests that tie the simulated camera to the camera module: {@code CameraIOSim} against the shared
 * {@code CameraIO} contract, and sim-rendered frames written by OpenCV and read back through {@code
 * CameraIOOpenCv}, through the world model's shared preprocessing.
 */
package dev.latentmpc.simharness.camera;
