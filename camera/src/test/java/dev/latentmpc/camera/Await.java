package dev.latentmpc.camera;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Polling with a deadline, for tests that wait on a capture thread: checks a condition, parks
 * briefly between checks (no fixed sleeps), and fails with a message when the deadline passes.
 */
public final class Await {
  private static final long POLL_NANOS = 200_000;

  private Await() {}

  /**
   * Polls {@code probe} until it returns a value or {@code timeout} passes.
   *
   * @param what what is awaited, for the failure message
   * @param probe returns empty until the awaited thing happened; exceptions count as "not yet" and
   *     the last one is attached to the failure
   * @return the first value
   * @throws AssertionError when the deadline passes
   */
  public static <T> T until(String what, Duration timeout, Callable<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        Optional<T> value = probe.call();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after " + timeout.toMillis() + " ms waiting for " + what, last);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** Polls {@code camera} until it hands out a frame whose sequence is above {@code after}. */
  public static CameraFrame frameAfter(CameraIO camera, long after, Duration timeout) {
    return until(
        "a frame after sequence " + after,
        timeout,
        () -> Optional.of(camera.latest()).filter(f -> f.sequence() > after));
  }

  /**
   * Polls {@code camera} until {@code latest()} throws an exception whose message contains {@code
   * text} (a camera may first say it is still connecting), and returns it.
   */
  public static CameraUnavailableException failure(CameraIO camera, String text, Duration timeout) {
    return until(
        "latest() to throw with '" + text + "'",
        timeout,
        () -> {
          try {
            camera.latest();
            return Optional.empty();
          } catch (CameraUnavailableException e) {
            return Optional.of(e).filter(x -> String.valueOf(x.getMessage()).contains(text));
          }
        });
  }
}
