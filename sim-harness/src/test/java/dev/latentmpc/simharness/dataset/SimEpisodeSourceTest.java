package dev.latentmpc.simharness.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.simharness.render.CameraSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimEpisodeSourceTest {
  private static final DatasetSettings SETTINGS =
      DatasetSettings.defaults(10, 3, 0.5, List.of("reach", "pick-and-place"))
          .withCamera(CameraSpec.DEFAULT.withSize(16, 16));

  private final SimEpisodeSource source = new SimEpisodeSource(SETTINGS);

  @Test
  void theSamePlanGivesTheSameBytes() {
    EpisodePlan plan = new EpisodePlan(4, 99, EpisodeKind.DEMO, "pick-and-place");
    RecordedEpisode a = source.record(plan);
    RecordedEpisode b = source.record(plan);
    assertThat(a.frameCount()).isEqualTo(b.frameCount()).isGreaterThan(1);
    for (int t = 0; t < a.frameCount(); t++) {
      assertThat(a.frames().get(t)).isEqualTo(b.frames().get(t));
    }
    assertThat(a.states()).isEqualTo(b.states());
    assertThat(a.actions()).isEqualTo(b.actions());
  }

  @Test
  void randomMotionActionsAreStateDifferencesWhereNothingClamped() {
    for (long seed = 0; seed < 4; seed++) {
      RecordedEpisode e = source.record(new EpisodePlan(0, seed, EpisodeKind.RANDOM, "reach"));
      assertThat(e.steps()).isEqualTo(DatasetSettings.DEFAULT_RANDOM_STEPS);
      float[] s = e.states();
      float[] a = e.actions();
      for (int t = 0; t < e.steps(); t++) {
        assertThat(Math.abs(a[7 * t])).isLessThanOrEqualTo(0.05f);
        assertThat(a[7 * t + 3]).isZero();
        if (e.clampedSteps().contains(t)) {
          continue;
        }
        for (int k = 0; k < 3; k++) {
          assertThat(s[7 * (t + 1) + k] - s[7 * t + k]).isCloseTo(a[7 * t + k], within(2e-5f));
        }
        float gripper = Math.max(0, Math.min(1, s[7 * t + 6] + a[7 * t + 6]));
        assertThat(s[7 * (t + 1) + 6]).isCloseTo(gripper, within(1e-6f));
      }
    }
  }

  @Test
  void aStillGripperChangeHoldsTheHandWhileOtherRandomStepsMoveIt() {
    SimEpisodeSource allStill = new SimEpisodeSource(SETTINGS.withRandomGripper(0.5, 1.0));
    RandomStepCounts counts = RandomStepCounts.of(allStill, 4);
    assertThat(counts.movingGripperChanges()).as("gripper changes with the hand moving").isZero();
    assertThat(counts.stillGripperChanges()).isPositive();
    assertThat(counts.moves()).isPositive();
  }

  @Test
  void theDefaultMixesStillAndMovingGripperChanges() {
    RandomStepCounts counts = RandomStepCounts.of(source, 8);
    assertThat(counts.stillGripperChanges()).isPositive();
    assertThat(counts.movingGripperChanges()).isPositive();
  }

  /** The kinds of steps of random-motion episodes with seeds 0..n−1. */
  private record RandomStepCounts(int stillGripperChanges, int movingGripperChanges, int moves) {
    static RandomStepCounts of(SimEpisodeSource source, int episodes) {
      int still = 0;
      int moving = 0;
      int moves = 0;
      for (long seed = 0; seed < episodes; seed++) {
        float[] a = source.record(new EpisodePlan(0, seed, EpisodeKind.RANDOM, "grasp")).actions();
        for (int t = 0; t < a.length / 7; t++) {
          boolean translates = a[7 * t] != 0 || a[7 * t + 1] != 0 || a[7 * t + 2] != 0;
          if (a[7 * t + 6] != 0) {
            still += translates ? 0 : 1;
            moving += translates ? 1 : 0;
          } else {
            moves += translates ? 1 : 0;
          }
        }
      }
      return new RandomStepCounts(still, moving, moves);
    }
  }

  @Test
  void demonstrationsRecordTheirOutcome() {
    int successes = 0;
    for (long seed = 0; seed < 6; seed++) {
      RecordedEpisode e = source.record(new EpisodePlan(1, seed, EpisodeKind.DEMO, "reach"));
      assertThat(e.kind()).isEqualTo(EpisodeKind.DEMO);
      assertThat(e.success()).isEqualTo(e.finalDistanceM() <= 0.04);
      successes += e.success() ? 1 : 0;
    }
    assertThat(successes).isPositive();
  }
}
