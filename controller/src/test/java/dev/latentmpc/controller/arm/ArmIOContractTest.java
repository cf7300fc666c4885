package dev.latentmpc.controller.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.worldmodel.StateConvention;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours every {@link ArmIO} shares (Micrometer's test-kit pattern, as the camera's
 * contract test): subclass it once per implementation, say how to open the arm, how to watch it
 * from outside and which move is slow on it, and every test here runs against it. Ships in the
 * controller module's test-jar.
 *
 * <p>Checked: reads are finite and the reported state convention is the expected one; {@link
 * ArmIO#stop()} from another thread ends a running move early with a result short of its target,
 * and the arm then holds; a move that runs out of its timeout throws {@link TimeoutException} with
 * the arm stopped; {@link ArmIO#close()} stops a running move, is idempotent, and every later call
 * fails with {@link ArmUnavailableException}; non-finite and oversized deltas are refused with
 * {@link IllegalArgumentException} and nothing moves; a stop while idle moves nothing.
 *
 * <p>These tests run a real arm in real time, so they wait: a move is given {@value
 * #RUNNING_MILLIS} ms to get going before it is stopped, and "holds" means two observations {@value
 * #STILL_MILLIS} ms apart agree. {@link #slowMove} must take at least two seconds so that neither
 * wait decides a test.
 */
public abstract class ArmIOContractTest {
  /** How long a move runs before the test stops it, milliseconds. */
  protected static final long RUNNING_MILLIS = 300;

  /** How long the arm must stay put to count as holding, milliseconds. */
  protected static final long STILL_MILLIS = 250;

  /** Longest a stopped or timed-out move may take to return, with room for a loaded machine. */
  private static final Duration RETURN_BOUND = Duration.ofMillis(1500);

  /** A timeout far beyond {@link #slowMove}'s duration. */
  private static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

  /** Per-call bounds no arm accepts: 2 m of translation, 4 rad of rotation. */
  private static final double HUGE_M = 2.0;

  private static final double HUGE_RAD = 4.0;

  private ArmIO arm;

  /** Opens the arm under test, idle and inside its workspace. */
  protected abstract ArmIO createArm() throws Exception;

  /**
   * Reads the arm's state without the client under test (the simulated world, or a second client of
   * the same bridge), so that the arm can be watched after that client is closed.
   */
  protected abstract ArmState observe() throws Exception;

  /**
   * A move of at least 5 cm that this arm needs at least two seconds for, from {@code from}, and
   * that stays inside its workspace (so it is never clamped short).
   */
  protected abstract Delta slowMove(ArmState from);

  /** The state convention this arm reports. */
  protected abstract StateConvention expectedConvention();

  @BeforeEach
  void openArm() throws Exception {
    arm = createArm();
  }

  @AfterEach
  void closeArm() {
    arm.close();
  }

  /** The arm under test. */
  protected final ArmIO arm() {
    return arm;
  }

  @Test
  void readsAreFiniteAndTheConventionIsReported() throws Exception {
    ArmState first = arm.read();
    ArmState second = arm.read();
    for (float v : first.toVector()) {
      assertThat(Float.isFinite(v)).as("state %s", first).isTrue();
    }
    assertThat(first.gripperClosedness()).isBetween(0.0, 1.0);
    assertThat(second.timestampNanos()).isGreaterThanOrEqualTo(first.timestampNanos());
    assertThat(arm.stateConvention()).isEqualTo(expectedConvention());
  }

  @Test
  void stopFromAnotherThreadEndsAMoveEarlyAndTheArmHolds() throws Exception {
    ArmState start = arm.read();
    Delta move = slowMove(start);
    Mover mover = Mover.start(arm, move, LONG_TIMEOUT);
    mover.awaitRunning();

    arm.stop();

    MoveResult result = mover.result();
    double moved = distanceM(start, result.reached());
    assertThat(moved).as("moved before the stop").isGreaterThan(5e-4);
    assertThat(moved).as("stopped short of the target").isLessThan(0.9 * lengthM(move));
    assertThat(distanceM(result.reached(), observe())).as("where the move said").isLessThan(1e-3);
    assertHolds();
  }

  @Test
  void aMoveThatRunsOutOfItsTimeoutThrowsWithTheArmStopped() throws Exception {
    ArmState start = arm.read();
    Delta move = slowMove(start);
    long t0 = System.nanoTime();

    assertThatThrownBy(() -> arm.moveDelta(move, Duration.ofMillis(RUNNING_MILLIS)))
        .isInstanceOf(TimeoutException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isLessThan(Duration.ofMillis(RUNNING_MILLIS).plus(RETURN_BOUND));
    ArmState stopped = assertHolds();
    assertThat(distanceM(start, stopped)).isLessThan(0.9 * lengthM(move));
  }

  @Test
  void closeStopsARunningMoveIsIdempotentAndLaterCallsFail() throws Exception {
    Delta move = slowMove(arm.read());
    Mover mover = Mover.start(arm, move, LONG_TIMEOUT);
    mover.awaitRunning();

    arm.close();

    mover.awaitEnd(); // a result where the move was cut, or the failure of the closed client
    assertHolds();
    assertThatCode(arm::close).doesNotThrowAnyException();
    assertThatThrownBy(arm::read).isInstanceOf(ArmUnavailableException.class);
    assertThatThrownBy(() -> arm.moveDelta(new Delta(0.01, 0, 0, 0, 0, 0, 0), LONG_TIMEOUT))
        .isInstanceOf(ArmUnavailableException.class);
    assertThatThrownBy(arm::stateConvention).isInstanceOf(ArmUnavailableException.class);
  }

  @Test
  void nonFiniteDeltasAreRefusedAndNothingMoves() throws Exception {
    ArmState before = observe();
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      for (int axis = 0; axis < 7; axis++) {
        double[] d = new double[7];
        d[axis] = bad;
        Delta delta = new Delta(d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
        assertThatThrownBy(() -> arm.moveDelta(delta, LONG_TIMEOUT))
            .as("component %d = %s", axis, bad)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
    assertUnmoved(before, observe());
  }

  @Test
  void oversizedDeltasAreRefusedAndNothingMoves() throws Exception {
    ArmState before = observe();
    Delta[] oversized = {
      new Delta(HUGE_M, 0, 0, 0, 0, 0, 0),
      new Delta(0, -HUGE_M, 0, 0, 0, 0, 0),
      new Delta(0, 0, HUGE_M, 0, 0, 0, 0),
      new Delta(0, 0, 0, HUGE_RAD, 0, 0, 0),
      new Delta(0, 0, 0, 0, 0, -HUGE_RAD, 0),
    };
    for (Delta delta : oversized) {
      assertThatThrownBy(() -> arm.moveDelta(delta, LONG_TIMEOUT))
          .as("%s", delta)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertUnmoved(before, observe());
  }

  @Test
  void aStopWhileIdleMovesNothing() throws Exception {
    ArmState before = observe();
    arm.stop();
    arm.stop();
    assertUnmoved(before, observe());
  }

  /** Checks that the arm stays where it is for {@value #STILL_MILLIS} ms; returns where it is. */
  private ArmState assertHolds() throws Exception {
    ArmState first = observe();
    // A holding arm can only be told from a moving one over time.
    Thread.sleep(STILL_MILLIS);
    assertUnmoved(first, observe());
    return first;
  }

  private static void assertUnmoved(ArmState before, ArmState after) {
    assertThat(distanceM(before, after)).as("%s then %s", before, after).isLessThan(1e-6);
    assertThat(after.rollRad()).isCloseTo(before.rollRad(), within(1e-6));
    assertThat(after.pitchRad()).isCloseTo(before.pitchRad(), within(1e-6));
    assertThat(after.yawRad()).isCloseTo(before.yawRad(), within(1e-6));
    assertThat(after.gripperClosedness()).isCloseTo(before.gripperClosedness(), within(1e-6));
  }

  private static double distanceM(ArmState a, ArmState b) {
    return Math.sqrt(
        (a.xM() - b.xM()) * (a.xM() - b.xM())
            + (a.yM() - b.yM()) * (a.yM() - b.yM())
            + (a.zM() - b.zM()) * (a.zM() - b.zM()));
  }

  private static double lengthM(Delta d) {
    return Math.sqrt(d.dxM() * d.dxM() + d.dyM() * d.dyM() + d.dzM() * d.dzM());
  }

  /** A move running on its own thread, as the task loop runs it while a stop comes from outside. */
  private record Mover(Thread thread, CompletableFuture<MoveResult> outcome) {
    static Mover start(ArmIO arm, Delta delta, Duration timeout) {
      CompletableFuture<MoveResult> outcome = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  outcome.complete(arm.moveDelta(delta, timeout));
                } catch (Exception | Error e) {
                  outcome.completeExceptionally(e);
                }
              },
              "arm-contract-mover");
      thread.setDaemon(true);
      thread.start();
      return new Mover(thread, outcome);
    }

    /**
     * Waits until the move blocks (its thread parks in the arm or the transport), then lets it run
     * {@value #RUNNING_MILLIS} ms: only then is a stop one "during a move".
     */
    void awaitRunning() throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (thread.getState() != Thread.State.WAITING
          && thread.getState() != Thread.State.TIMED_WAITING) {
        assertThat(outcome).as("the move ended before it could be stopped").isNotDone();
        assertThat(System.nanoTime()).as("the move never blocked").isLessThan(end);
        Thread.sleep(5);
      }
      Thread.sleep(RUNNING_MILLIS);
      assertThat(outcome).as("the move ended before it could be stopped").isNotDone();
    }

    /** The move's result, which must come within the return bound. */
    MoveResult result() throws Exception {
      try {
        return outcome.get(RETURN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError("the stopped move failed instead of returning", e.getCause());
      }
    }

    /** Waits for the move to end either way within the return bound. */
    void awaitEnd() throws InterruptedException {
      try {
        outcome.get(RETURN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        // Ending with a failure is fine here: the client was closed under it.
      } catch (TimeoutException e) {
        throw new AssertionError("the move did not end within " + RETURN_BOUND, e);
      }
    }
  }
}
