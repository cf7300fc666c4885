package dev.latentmpc.simharness.world;

import static dev.latentmpc.simharness.world.WorldFixtures.cubeAndCup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.simharness.geom.Vec3;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ArmIOSimTest {
  private final AtomicLong clock = new AtomicLong(1_000);
  private final SimWorld world = cubeAndCup(new Vec3(0.4, 0, 0.3));
  private final ArmIOSim io = new ArmIOSim(world, clock::get);

  @Test
  void readStampsTheStateWithTheInjectedClock() throws Exception {
    clock.set(42_000);
    ArmState s = io.read();
    assertThat(s.timestampNanos()).isEqualTo(42_000);
    assertThat(s.xM()).isCloseTo(0.4, within(1e-12));
    assertThat(s.zM()).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void moveDeltaBlocksInSimulatedTimeAndReportsTheMotion() throws Exception {
    MoveResult r = io.moveDelta(new Delta(0.05, 0, -0.02, 0, 0, 0, 0), Duration.ofSeconds(2));
    assertThat(r.reached().xM()).isCloseTo(0.45, within(1e-12));
    assertThat(r.reached().zM()).isCloseTo(0.28, within(1e-12));
    assertThat(r.elapsed()).isBetween(Duration.ofMillis(200), Duration.ofMillis(300));
    assertThat(r.clampedByWorkspace()).isFalse();
    assertThat(world.simTimeNanos()).isEqualTo(r.elapsed().toNanos());
  }

  @Test
  void aMoveLongerThanTheTimeoutStopsAndThrows() {
    assertThatThrownBy(() -> io.moveDelta(new Delta(0.2, 0, 0, 0, 0, 0, 0), Duration.ofMillis(100)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("timeout");
    double moved = world.state().positionM().x() - 0.4;
    assertThat(moved).isGreaterThan(0).isLessThan(0.05);
    assertThat(world.simTimeNanos()).isEqualTo(100_000_000L);
  }

  @Test
  void invalidDeltasMoveNothing() {
    assertThatThrownBy(
            () -> io.moveDelta(new Delta(Double.NaN, 0, 0, 0, 0, 0, 0), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThat(world.state().positionM().x()).isEqualTo(0.4);
    assertThatThrownBy(() -> io.moveDelta(Delta.ZERO, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClosedArmIsUnavailable() {
    io.close();
    assertThatThrownBy(io::read).isInstanceOf(ArmUnavailableException.class);
    assertThatThrownBy(() -> io.moveDelta(Delta.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(ArmUnavailableException.class);
  }

  @Test
  void stopCutsAWallClockPacedMoveShort() throws Exception {
    // The pacer's clock reads 0 when the move starts and 0.1 s afterwards; the motion would need
    // about 0.8 s, so the pacer waits for real until stop() signals it.
    CountDownLatch started = new CountDownLatch(1);
    AtomicLong pacerNanos = new AtomicLong();
    MotionPacer pacer =
        MotionPacer.wallClock(() -> {
          long now = pacerNanos.getAndSet(100_000_000L);
          started.countDown();
          return now;
        });
    ArmIOSim paced = new ArmIOSim(world, clock::get, pacer);
    ExecutorService mover = Executors.newSingleThreadExecutor();
    try {
      Future<MoveResult> move =
          mover.submit(
              () -> paced.moveDelta(new Delta(0.3, 0, 0, 0, 0, 0, 0), Duration.ofSeconds(5)));
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      paced.stop();
      MoveResult r = move.get(5, TimeUnit.SECONDS);
      assertThat(r.elapsed()).isEqualTo(Duration.ofMillis(100));
      assertThat(r.reached().xM() - 0.4).isGreaterThan(0).isLessThan(0.05);
    } finally {
      mover.shutdownNow();
    }
  }
}
