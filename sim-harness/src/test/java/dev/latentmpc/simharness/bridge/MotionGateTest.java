package dev.latentmpc.simharness.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.worldmodel.StateConvention;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MotionGateTest {
  private static final ArmState STATE = new ArmState(0.5, 0, 0.3, Math.PI, 0, 0, 0, 0);

  /** An arm whose moves block until released, counting stops. */
  private static final class BlockingArm implements ArmIO {
    final CountDownLatch moving = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger stops = new AtomicInteger();

    @Override
    public ArmState read() {
      return STATE;
    }

    @Override
    public MoveResult moveDelta(Delta delta, Duration timeout) throws TimeoutException {
      moving.countDown();
      try {
        if (!release.await(10, TimeUnit.SECONDS)) {
          throw new TimeoutException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new MoveResult(STATE, false, false, Duration.ofMillis(250));
    }

    @Override
    public StateConvention stateConvention() {
      return StateConvention.FRANKA_HAND_TCP;
    }

    @Override
    public void stop() {
      stops.incrementAndGet();
      release.countDown();
    }

    @Override
    public void close() {}
  }

  @Test
  void aSecondMotionWhileOneRunsIsAFailedPrecondition() throws Exception {
    BlockingArm arm = new BlockingArm();
    MotionGate gate = new MotionGate(arm);
    CompletableFuture<MoveResult> first =
        CompletableFuture.supplyAsync(() -> {
          try {
            return gate.move(Delta.ZERO, Duration.ofSeconds(5));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(arm.moving.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> gate.moveGripperTo(1, Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription()).contains("call Stop");
            });
    arm.release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).elapsed()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aCancelledCallStopsTheArm() throws Exception {
    BlockingArm arm = new BlockingArm();
    MotionGate gate = new MotionGate(arm);
    Context.CancellableContext call = Context.current().withCancellation();
    CompletableFuture<MoveResult> move =
        CompletableFuture.supplyAsync(() -> {
          try {
            return call.call(
                () -> gate.move(new Delta(0.01, 0, 0, 0, 0, 0, 0), Duration.ofSeconds(5)));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(arm.moving.await(10, TimeUnit.SECONDS)).isTrue();
    call.cancel(null);
    move.get(10, TimeUnit.SECONDS);
    assertThat(arm.stops.get()).isEqualTo(1);
  }
}
