package dev.latentmpc.controller.task;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraUnavailableException;
import java.util.Optional;

/**
 * The runner's view of the camera: remembers the last frame it handed out, so a step's thumbnail
 * shows the very frame the step planned from (matched by sequence number). Closing it leaves the
 * delegate open: the composition root owns the camera.
 */
final class FrameTap implements CameraIO {

  private final CameraIO delegate;
  private volatile CameraFrame last;

  FrameTap(CameraIO delegate) {
    this.delegate = delegate;
  }

  @Override
  public CameraFrame latest() throws CameraUnavailableException {
    CameraFrame frame = delegate.latest();
    last = frame;
    return frame;
  }

  /** Returns the last frame handed out if it has sequence number {@code sequence}. */
  Optional<CameraFrame> frame(long sequence) {
    CameraFrame frame = last;
    return frame != null && frame.sequence() == sequence ? Optional.of(frame) : Optional.empty();
  }

  @Override
  public void close() {
    // The delegate belongs to the composition root, which closes it after the runner.
  }
}
