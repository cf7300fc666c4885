package dev.latentmpc.simharness.world;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.simharness.arm.MotionPlan;
import dev.latentmpc.simharness.arm.MoveOutcome;
import dev.latentmpc.simharness.arm.PandaKinematics;
import dev.latentmpc.worldmodel.StateConvention;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * {@link ArmIO} over a {@link SimWorld} in the same process: the simulated Franka and its scene.
 *
 * <p>Thread-safe: one move at a time; {@link #read()} and {@link #stop()} never wait for a move.
 * States are stamped from the injected nanos clock. A move takes simulated time only, unless a
 * wall-clock {@link MotionPacer} is given (the bridge server), in which case it blocks for the
 * motion's duration and {@link #stop()} cuts it short where the arm then is.
 */
public final class ArmIOSim implements ArmIO {
  private final SimWorld world;
  private final LongSupplier nanosClock;
  private final MotionPacer pacer;
  private final ReentrantLock moveLock = new ReentrantLock();
  private volatile boolean closed;

  /** An arm IO in simulated time. */
  public ArmIOSim(SimWorld world, LongSupplier nanosClock) {
    this(world, nanosClock, MotionPacer.instant());
  }

  /**
   * An arm IO with a chosen pacing.
   *
   * @param world the scene (shared with e.g. a simulated camera)
   * @param nanosClock monotonic clock for timestamps
   * @param pacer how motions map to wall-clock time
   */
  public ArmIOSim(SimWorld world, LongSupplier nanosClock, MotionPacer pacer) {
    this.world = Objects.requireNonNull(world, "world is null");
    this.nanosClock = Objects.requireNonNull(nanosClock, "nanosClock is null");
    this.pacer = Objects.requireNonNull(pacer, "pacer is null");
  }

  /** The world this IO drives. */
  public SimWorld world() {
    return world;
  }

  @Override
  public ArmState read() throws ArmUnavailableException {
    ensureOpen();
    return world.armState(nanosClock.getAsLong());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the delta is non-finite or oversized (nothing moves)
   */
  @Override
  public MoveResult moveDelta(Delta delta, Duration timeout)
      throws ArmUnavailableException, TimeoutException {
    Objects.requireNonNull(delta, "delta is null");
    Objects.requireNonNull(timeout, "timeout is null");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    ensureOpen();
    moveLock.lock();
    try {
      MotionPlan plan = world.plan(delta);
      double limitSeconds = timeout.toNanos() / 1e9;
      double ran;
      try {
        ran = pacer.await(Math.min(plan.durationSeconds(), limitSeconds));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        world.execute(plan, 0);
        throw new ArmUnavailableException("interrupted while moving; the arm is stopped", e);
      }
      MoveOutcome out = world.execute(plan, ran);
      if (plan.durationSeconds() > limitSeconds) {
        throw new TimeoutException(
            String.format(
                "move needs %.3f s, longer than the %.3f s timeout; stopped after %.3f s",
                plan.durationSeconds(), limitSeconds, out.durationSeconds()));
      }
      return out.toMoveResult(nanosClock.getAsLong());
    } finally {
      moveLock.unlock();
    }
  }

  /** The simulator's: its states describe the Franka Hand's TCP ({@link PandaKinematics}). */
  @Override
  public StateConvention stateConvention() throws ArmUnavailableException {
    ensureOpen();
    return PandaKinematics.STATE_CONVENTION;
  }

  @Override
  public void stop() {
    pacer.stop();
  }

  @Override
  public void close() {
    closed = true;
    pacer.stop();
  }

  private void ensureOpen() throws ArmUnavailableException {
    if (closed) {
      throw new ArmUnavailableException("the simulated arm is closed");
    }
  }
}
