package dev.latentmpc.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlanTest {

  private static final float[][] ACTIONS = {
    {0.01f, 0, 0, 0, 0, 0, 0.5f}, {0, 0.02f, 0, 0, 0, 0, 0}
  };

  @Test
  void holdIsAllZerosWithoutIterations() {
    Plan hold = Plan.hold(3, true);

    assertThat(hold.isHold()).isTrue();
    assertThat(hold.actions()).isEqualTo(new float[3][7]);
    assertThat(hold.firstAction()).containsOnly(0f);
    assertThat(hold.eliteEnergy()).isNaN();
    assertThat(hold.deadlineReached()).isTrue();
  }

  @Test
  void isImmutableAndComparedByContent() {
    float[][] actions = {ACTIONS[0].clone(), ACTIONS[1].clone()};
    long[] nanos = {5, 6};
    Plan plan = new Plan(actions, 0.1, 2, false, nanos, 0);

    actions[0][0] = 9;
    nanos[0] = 9;
    plan.actions()[1][1] = 9;
    plan.iterationNanos()[1] = 9;

    assertThat(plan).isEqualTo(new Plan(ACTIONS, 0.1, 2, false, new long[] {5, 6}, 0));
    assertThat(plan.hashCode())
        .isEqualTo(new Plan(ACTIONS, 0.1, 2, false, new long[] {5, 6}, 0).hashCode());
    assertThat(plan.action(1, 1)).isEqualTo(0.02f);
    assertThat(plan.totalIterationNanos()).isEqualTo(11);
    assertThat(plan.horizon()).isEqualTo(2);
  }

  @Test
  void rejectsInconsistentShapes() {
    assertThatThrownBy(() -> new Plan(new float[0][7], 0, 1, false, new long[1], 0))
        .hasMessageContaining("at least one action");
    assertThatThrownBy(() -> new Plan(new float[][] {{1, 2}}, 0, 1, false, new long[1], 0))
        .hasMessageContaining("7 values");
    assertThatThrownBy(() -> new Plan(ACTIONS, 0, 2, false, new long[1], 0))
        .hasMessageContaining("iterationNanos");
    assertThatThrownBy(() -> new Plan(ACTIONS, 0, 0, false, new long[0], 0))
        .hasMessageContaining("all zeros");
    assertThatThrownBy(() ->
            new Plan(new float[][] {{Float.NaN, 0, 0, 0, 0, 0, 0}}, 0, 1, false, new long[1], 0))
        .hasMessageContaining("not finite");
  }
}
