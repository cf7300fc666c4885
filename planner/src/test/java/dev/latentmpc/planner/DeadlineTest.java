package dev.latentmpc.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void noneNeverExpires() {
    assertThat(Deadline.none().isBounded()).isFalse();
    assertThat(Deadline.none().isExpired()).isFalse();
    assertThat(Deadline.none().remainingNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void expiresWhenTheClockReachesIt() {
    ManualClock clock = new ManualClock(100);
    Deadline deadline = Deadline.after(clock, 50);

    assertThat(deadline.isBounded()).isTrue();
    assertThat(deadline.remainingNanos()).isEqualTo(50);
    clock.advanceNanos(49);
    assertThat(deadline.isExpired()).isFalse();
    clock.advanceNanos(1);
    assertThat(deadline.isExpired()).isTrue();
    assertThat(deadline.remainingNanos()).isZero();
  }

  @Test
  void aNonPositiveBudgetHasPassedAlready() {
    ManualClock clock = new ManualClock(0);

    assertThat(Deadline.after(clock, 0).isExpired()).isTrue();
    assertThat(Deadline.after(clock, -10).isExpired()).isTrue();
    assertThat(Deadline.at(clock, -1).isExpired()).isTrue();
  }

  @Test
  void comparesAcrossTheClocksWraparound() {
    ManualClock clock = new ManualClock(Long.MAX_VALUE - 10);
    Deadline deadline = Deadline.after(clock, 20);

    assertThat(deadline.isExpired()).isFalse();
    clock.advanceNanos(19);
    assertThat(deadline.isExpired()).isFalse();
    clock.advanceNanos(1);
    assertThat(deadline.isExpired()).isTrue();
  }
}
