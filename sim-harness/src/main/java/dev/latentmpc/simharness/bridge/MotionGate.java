package dev.latentmpc.simharness.bridge;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One motion at a time on the arm, bounded by the request's timeout and the call's deadline, and
 * stopped when the client cancels or the time runs out.
 */
final class MotionGate {
  private static final Logger LOG = LoggerFactory.getLogger(MotionGate.class);

  private final ArmIO arm;
  private final ReentrantLock lock = new ReentrantLock();

  MotionGate(ArmIO arm) {
    this.arm = arm;
  }

  /** Runs {@code delta} under the gate. */
  MoveResult move(Delta delta, Duration timeout)
      throws StatusException, ArmUnavailableException, TimeoutException {
    return guarded(() -> arm.moveDelta(delta, bounded(timeout)), timeout);
  }

  /** Moves the gripper to {@code closedness} and holds the pose. */
  MoveResult moveGripperTo(double closedness, Duration timeout)
      throws StatusException, ArmUnavailableException, TimeoutException {
    return guarded(
        () -> {
          ArmState now = arm.read();
          Delta delta = new Delta(0, 0, 0, 0, 0, 0, closedness - now.gripperClosedness());
          return arm.moveDelta(delta, bounded(timeout));
        },
        timeout);
  }

  /** Stops the arm, logging instead of throwing. */
  void stopQuietly() {
    try {
      arm.stop();
    } catch (ArmUnavailableException | RuntimeException e) {
      LOG.warn("could not stop the arm: {}", e.getMessage());
    }
  }

  private interface Motion {
    MoveResult run() throws ArmUnavailableException, TimeoutException;
  }

  private MoveResult guarded(Motion motion, Duration timeout)
      throws StatusException, ArmUnavailableException, TimeoutException {
    if (!lock.tryLock()) {
      throw Status.FAILED_PRECONDITION
          .withDescription("another motion is in progress; wait for it or call Stop")
          .asException();
    }
    Context context = Context.current();
    Context.CancellationListener stopOnCancel =
        cancelled -> {
          LOG.info("client cancelled a motion; stopping the arm");
          stopQuietly();
        };
    context.addListener(stopOnCancel, Runnable::run);
    try {
      return motion.run();
    } catch (TimeoutException e) {
      stopQuietly();
      throw new TimeoutException(
          "the motion did not finish within "
              + bounded(timeout).toMillis()
              + " ms; the arm was stopped");
    } finally {
      context.removeListener(stopOnCancel);
      lock.unlock();
    }
  }

  /** The request's timeout, shortened to the call's gRPC deadline when that comes first. */
  private static Duration bounded(Duration timeout) {
    Deadline deadline = Context.current().getDeadline();
    if (deadline == null) {
      return timeout;
    }
    long remainingNanos = Math.max(1, deadline.timeRemaining(TimeUnit.NANOSECONDS));
    return remainingNanos < timeout.toNanos() ? Duration.ofNanos(remainingNanos) : timeout;
  }
}
