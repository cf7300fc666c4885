package dev.latentmpc.deploy.faults;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraUnavailableException;

/** The bridge side's camera with switchable faults: dead (throws) or frozen (the last frame). */
final class FaultyCamera implements CameraIO {
  /** What {@link #latest()} does. */
  enum Fault {
    /** Forwards to the simulated camera. */
    NONE,
    /** Throws, as an unplugged camera. */
    DEAD,
    /** Keeps returning the last frame it returned: same sequence, capture time not advancing. */
    FROZEN
  }

  private final CameraIO delegate;
  private Fault fault = Fault.NONE; // guarded by this
  private CameraFrame last; // guarded by this
  private CameraFrame frozen; // guarded by this

  FaultyCamera(CameraIO delegate) {
    this.delegate = delegate;
  }

  synchronized void inject(Fault f) {
    fault = f;
    frozen = null;
  }

  /** The frame a frozen camera repeats; null unless frozen and read since. */
  synchronized CameraFrame frozenFrame() {
    return frozen;
  }

  @Override
  public synchronized CameraFrame latest() throws CameraUnavailableException {
    switch (fault) {
      case DEAD -> throw new CameraUnavailableException("injected fault: the camera was unplugged");
      case FROZEN -> {
        if (frozen == null) {
          frozen = last != null ? last : delegate.latest();
        }
        return frozen;
      }
      case NONE -> {
        last = delegate.latest();
        return last;
      }
    }
    throw new AssertionError(fault);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
