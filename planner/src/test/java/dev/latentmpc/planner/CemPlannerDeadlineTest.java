package dev.latentmpc.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deadline is checked between iterations, against a manual clock the energy advances. */
class CemPlannerDeadlineTest {

  private static final long ITERATION_NANOS = 1_000_000;

  private final ManualClock clock = new ManualClock(-5_000_000_000L);
  private final AtomicInteger calls = new AtomicInteger();
  private final EnergyFunction slowEnergy =
      batch -> {
        calls.incrementAndGet();
        clock.advanceNanos(ITERATION_NANOS);
        return AnalyticEnergies.cumulativeL1(new double[] {0.03, 0.02, 0.01}, 0.5).energies(batch);
      };

  private CemPlanner planner(int horizon) {
    return new CemPlanner(
        CemConfig.builder().samples(100).horizon(horizon).build(), new SplittableRandom(3), clock);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, -ITERATION_NANOS})
  void aPassedDeadlineGivesTheHoldPlanWithoutEvaluatingAnything(long budgetNanos) {
    Plan warm = planner(3).plan(slowEnergy, Deadline.none());
    calls.set(0);

    Plan plan = planner(3).plan(slowEnergy, Deadline.after(clock, budgetNanos), Optional.of(warm));

    assertThat(calls).hasValue(0);
    assertThat(plan.isHold()).isTrue();
    assertThat(plan.completedIterations()).isZero();
    assertThat(plan.deadlineReached()).isTrue();
    assertThat(plan.actions()).isEqualTo(new float[3][7]);
    assertThat(plan.eliteEnergy()).isNaN();
    assertThat(plan.iterationNanos()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 9})
  void aDeadlineAfterKIterationsRunsExactlyK(int k) {
    Plan plan = planner(1).plan(slowEnergy, Deadline.after(clock, k * ITERATION_NANOS));

    assertThat(calls).hasValue(k);
    assertThat(plan.completedIterations()).isEqualTo(k);
    assertThat(plan.deadlineReached()).isTrue();
    assertThat(plan.isHold()).isFalse();
    assertThat(plan.iterationNanos()).hasSize(k).containsOnly(ITERATION_NANOS);
    assertThat(plan.totalIterationNanos()).isEqualTo(k * ITERATION_NANOS);
  }

  @Test
  void aDeadlineBetweenIterationsLetsTheStartedIterationFinish() {
    Plan plan = planner(1).plan(slowEnergy, Deadline.after(clock, 2 * ITERATION_NANOS + 1));

    assertThat(plan.completedIterations()).isEqualTo(3);
    assertThat(plan.deadlineReached()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 11, 1000})
  void aLaterDeadlineRunsAllIterations(int k) {
    Plan plan = planner(1).plan(slowEnergy, Deadline.after(clock, k * ITERATION_NANOS));

    assertThat(plan.completedIterations()).isEqualTo(10);
    assertThat(plan.deadlineReached()).isFalse();
  }

  @Test
  void theCutShortPlanIsTheMeanAfterTheLastCompletedIteration() {
    Plan cut = planner(2).plan(slowEnergy, Deadline.after(clock, 4 * ITERATION_NANOS));
    CemPlanner fourIterations =
        new CemPlanner(
            CemConfig.builder().samples(100).horizon(2).iterations(4).build(),
            new SplittableRandom(3),
            clock);

    Plan full = fourIterations.plan(slowEnergy, Deadline.none());

    assertThat(cut.actions()).isEqualTo(full.actions());
    assertThat(cut.eliteEnergy()).isEqualTo(full.eliteEnergy());
  }

  @Test
  void noDeadlineRunsAllIterations() {
    Plan plan = planner(1).plan(slowEnergy, Deadline.none());

    assertThat(plan.completedIterations()).isEqualTo(10);
    assertThat(plan.deadlineReached()).isFalse();
  }
}
