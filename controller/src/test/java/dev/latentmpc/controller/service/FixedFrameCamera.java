package dev.latentmpc.controller.service;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.worldmodel.preprocess.RgbImage;

/**
 * Thread-safe in-memory {@link CameraIO}: serves one image, numbered 0, 1, 2, … and stamped with
 * {@link System#nanoTime()} (the service clock in these tests), or fails on demand.
 */
final class FixedFrameCamera implements CameraIO {

  private final RgbImage image;
  private long sequence;
  private CameraUnavailableException fault;

  FixedFrameCamera(RgbImage image) {
    this.image = image;
  }

  @Override
  public synchronized CameraFrame latest() throws CameraUnavailableException {
    if (fault != null) {
      throw fault;
    }
    long now = System.nanoTime();
    return new CameraFrame(image, sequence++, now, System.currentTimeMillis() * 1_000_000L);
  }

  /** Makes later calls throw {@code exception}; null to recover. */
  synchronized void failWith(CameraUnavailableException exception) {
    fault = exception;
  }

  @Override
  public void close() {}
}
