package dev.latentmpc.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.worldmodel.ActionBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The public code's hooks ({@code cem}'s {@code axis} and {@code close_gripper}) and the gripper's
 * initial spread, seeded and checked value by value.
 */
class CemPlannerHooksTest {

  private static final int DIM = ActionBatch.ACTION_DIM;
  private static final int GRIPPER = DIM - 1;
  private static final EnergyFunction REACH =
      AnalyticEnergies.cumulativeL1(new double[] {0.04, -0.01, 0.03}, 0.6);

  /** Records a copy of every batch the planner hands out, then delegates. */
  private static final class Recorder implements EnergyFunction {
    private final List<float[]> batches = new ArrayList<>();

    @Override
    public float[] energies(ActionBatch actions) {
      batches.add(actions.values().clone());
      return REACH.energies(actions);
    }
  }

  private static Plan plan(CemConfig config, long seed, SamplingHooks hooks, Recorder recorder) {
    return new CemPlanner(config, new SplittableRandom(seed), new ManualClock(0))
        .plan(recorder, Deadline.none(), Optional.empty(), hooks);
  }

  private static SamplingHooks hooks(AxisPins pins, OptionalInt closeFrom) {
    return new SamplingHooks(1.0, pins, closeFrom);
  }

  @Test
  void pinnedComponentsAreInEverySampleAndInThePlan() {
    CemConfig config = CemConfig.builder().horizon(2).build();
    AxisPins pins = AxisPins.NONE.withDzM(-0.02).withDGripper(0.5);
    Recorder recorder = new Recorder();

    Plan plan = plan(config, 3, hooks(pins, OptionalInt.empty()), recorder);

    assertThat(recorder.batches).hasSize(10);
    for (float[] batch : recorder.batches) {
      for (int offset = 0; offset < batch.length; offset += DIM) {
        assertThat(batch[offset + 2]).isEqualTo(-0.02f);
        assertThat(batch[offset + GRIPPER]).isEqualTo(0.5f);
      }
    }
    for (int step = 0; step < 2; step++) {
      assertThat(plan.action(step, 2)).isEqualTo(-0.02f);
      assertThat(plan.action(step, GRIPPER)).isEqualTo(0.5f);
      // The free components still go to the target.
      assertThat(plan.action(step, 0)).isPositive();
    }
  }

  @Test
  void aPinnedGripperBelowTheRoundingThresholdIsReturnedAsZeroAsInCem() {
    AxisPins pins = AxisPins.NONE.withDGripper(0.2);

    Plan plan = plan(CemConfig.defaults(), 1, hooks(pins, OptionalInt.empty()), new Recorder());

    assertThat(plan.action(0, GRIPPER)).isZero();
  }

  @Test
  void hooksLeaveTheRandomStreamOfTheFreeComponentsAlone() {
    // The first iteration's free components come from the same draws with or without pins.
    Recorder free = new Recorder();
    Recorder pinned = new Recorder();
    SamplingHooks pinZAndGripper =
        hooks(AxisPins.NONE.withDzM(0).withDGripper(0), OptionalInt.of(0));

    plan(CemConfig.defaults(), 11, CemConfig.defaults().sampling(), free);
    plan(CemConfig.defaults(), 11, pinZAndGripper, pinned);

    float[] a = free.batches.get(0);
    float[] b = pinned.batches.get(0);
    for (int offset = 0; offset < a.length; offset += DIM) {
      assertThat(b[offset]).isEqualTo(a[offset]);
      assertThat(b[offset + 1]).isEqualTo(a[offset + 1]);
      assertThat(b[offset + 2]).isZero();
      assertThat(b[offset + GRIPPER]).isEqualTo(1.0f);
    }
  }

  @Test
  void closingFromStepKSetsEverySamplesGripperToOneFromThereOn() {
    CemConfig config = CemConfig.builder().horizon(3).iterations(2).build();
    Recorder recorder = new Recorder();

    Plan plan = plan(config, 5, hooks(AxisPins.NONE, OptionalInt.of(1)), recorder);

    int belowBound = 0;
    for (float[] batch : recorder.batches) {
      for (int offset = 0; offset < batch.length; offset += 3 * DIM) {
        float step0 = batch[offset + GRIPPER];
        assertThat(Math.abs(step0)).isLessThanOrEqualTo(0.75f);
        belowBound += step0 < 0.75f ? 1 : 0;
        assertThat(batch[offset + DIM + GRIPPER]).isEqualTo(1.0f);
        assertThat(batch[offset + 2 * DIM + GRIPPER]).isEqualTo(1.0f);
      }
    }
    assertThat(belowBound).as("step 0 is still sampled").isPositive();
    // cem's refit from a zero mean with momentum 0.15: 0.85 · 1 + 0.15 · (0.85 · 1 + 0.15 · 0).
    float expected = (float) (0.85 + 0.15 * 0.85);
    assertThat(plan.action(1, GRIPPER)).isCloseTo(expected, within(1e-6f));
    assertThat(plan.action(2, GRIPPER)).isCloseTo(expected, within(1e-6f));
  }

  @Test
  void withThePapersTenIterationsAClosingStepReturnsAFullClose() {
    Plan plan =
        plan(CemConfig.defaults(), 2, hooks(AxisPins.NONE, OptionalInt.of(0)), new Recorder());

    // 1 − 0.15^10 rounds to 1 in float: the service sends a full close, beyond the 0.75 clip.
    assertThat(plan.firstAction()[GRIPPER]).isEqualTo(1.0f);
  }

  @Test
  void aPinnedGripperStartsTheMeanOfAClosingStepAsInCem() {
    // cem sets mean[:, axis] for every step; a closing step then refits from that start.
    CemConfig config = CemConfig.builder().horizon(2).iterations(2).build();
    AxisPins pins = AxisPins.NONE.withDGripper(-0.5);

    Plan plan = plan(config, 7, hooks(pins, OptionalInt.of(1)), new Recorder());

    assertThat(plan.action(0, GRIPPER)).isEqualTo(-0.5f);
    double first = 0.85 * 1 + 0.15 * -0.5;
    assertThat(plan.action(1, GRIPPER)).isCloseTo((float) (0.85 + 0.15 * first), within(1e-6f));
  }

  @Test
  void aCloseFromBeyondTheHorizonChangesNothing() {
    Plan plain = plan(CemConfig.defaults(), 9, CemConfig.defaults().sampling(), new Recorder());
    Plan late =
        plan(CemConfig.defaults(), 9, hooks(AxisPins.NONE, OptionalInt.of(1)), new Recorder());

    assertThat(late).isEqualTo(plain);
  }

  @Test
  void withTheL1BallTheFreeComponentsShareWhatThePinsLeaveOfItsRadius() {
    CemConfig config = CemConfig.builder().l1BallEnabled(true).build();
    Recorder recorder = new Recorder();

    Plan plan = plan(config, 4, hooks(AxisPins.NONE.withDzM(-0.05), OptionalInt.empty()), recorder);

    for (float[] batch : recorder.batches) {
      for (int offset = 0; offset < batch.length; offset += DIM) {
        assertThat(batch[offset + 2]).isEqualTo((float) -ActionConstraints.floatAtMost(0.05));
        double l1 = ActionConstraints.l1NormM(batch, offset);
        assertThat(l1).isLessThanOrEqualTo(0.075);
      }
    }
    assertThat(ActionConstraints.l1NormM(plan.firstAction(), 0)).isLessThanOrEqualTo(0.075);
  }

  @Test
  void theGrippersInitialSpreadIsThePlansNotOnlyTheConfigs() {
    CemConfig config = CemConfig.builder().iterations(1).build();
    Recorder wide = new Recorder();
    Recorder narrow = new Recorder();

    plan(config, 8, config.sampling(), wide);
    plan(config, 8, config.sampling().withInitialStdGripper(0.1), narrow);

    assertThat(maxAbsGripper(wide.batches.get(0))).isEqualTo(0.75f);
    assertThat(maxAbsGripper(narrow.batches.get(0))).isBetween(0.2f, 0.5f);
  }

  @Test
  void theSameSeedAndHooksGiveIdenticalPlansAndSamplesBitForBit() {
    CemConfig config = CemConfig.builder().horizon(2).l1BallEnabled(true).build();
    SamplingHooks hooks = new SamplingHooks(0.3, AxisPins.NONE.withDxM(0.01), OptionalInt.of(1));
    Recorder first = new Recorder();
    Recorder second = new Recorder();

    Plan a = plan(config, 42, hooks, first);
    Plan b = plan(config, 42, hooks, second);

    assertThat(a).isEqualTo(b);
    for (int i = 0; i < first.batches.size(); i++) {
      assertThat(first.batches.get(i)).isEqualTo(second.batches.get(i));
    }
  }

  @Test
  void hooksOutsideThePlannersBoundsAreRejectedNamingTheField() {
    CemPlanner planner =
        new CemPlanner(
            CemConfig.builder().l1BallEnabled(true).build(),
            new SplittableRandom(1),
            new ManualClock(0));
    SamplingHooks tooFar = hooks(AxisPins.NONE.withDxM(0.06), OptionalInt.empty());
    SamplingHooks outsideBall =
        hooks(AxisPins.NONE.withDxM(0.05).withDyM(-0.05), OptionalInt.empty());
    SamplingHooks badGripper =
        new SamplingHooks(0, AxisPins.NONE.withDGripper(0.9), OptionalInt.of(-1));

    assertThatThrownBy(() -> planner.plan(REACH, Deadline.none(), Optional.empty(), tooFar))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pins.dxM");
    assertThatThrownBy(() -> planner.plan(REACH, Deadline.none(), Optional.empty(), outsideBall))
        .hasMessageContaining("L1 ball");
    assertThatThrownBy(() -> planner.plan(REACH, Deadline.none(), Optional.empty(), badGripper))
        .hasMessageContaining("initialStdGripper")
        .hasMessageContaining("pins.dGripper")
        .hasMessageContaining("closeGripperFromStep");
  }

  private static float maxAbsGripper(float[] batch) {
    float max = 0;
    for (int offset = 0; offset < batch.length; offset += DIM) {
      max = Math.max(max, Math.abs(batch[offset + GRIPPER]));
    }
    return max;
  }
}
