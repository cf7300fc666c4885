package dev.latentmpc.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActionConstraintsTest {

  private static final CemConfig BALL =
      CemConfig.builder().maxNormM(0.1).l1BallEnabled(true).l1BallRadiusM(0.075).build();

  private static float[] constrain(CemConfig config, double x, double y, double z, double g) {
    float[] out = new float[4];
    new ActionConstraints(config).constrain(x, y, z, g, out, 0);
    return out;
  }

  @Test
  void clipsEachAxisAndTheGripperToFloatsThatDoNotExceedTheBounds() {
    float[] out = constrain(CemConfig.defaults(), 0.3, -0.3, 0.02, -2);

    assertThat(out).containsExactly(new float[] {0.05f, -0.05f, 0.02f, -0.75f}, within(1e-7f));
    // 0.05f is slightly above 0.05; the clip uses the float just below it.
    assertThat((double) out[0]).isLessThanOrEqualTo(0.05);
    assertThat((double) out[1]).isGreaterThanOrEqualTo(-0.05);
  }

  @Test
  void leavesPointsInsideTheBallAlone() {
    assertThat(constrain(BALL, 0.02, -0.03, 0.01, 0.3)).containsExactly(0.02f, -0.03f, 0.01f, 0.3f);
  }

  @Test
  void projectsOntoAVertexAnEdgeOrAFace() {
    assertThat(constrain(BALL, 0.1, 0.01, -0.005, 0))
        .containsExactly(new float[] {0.075f, 0, 0, 0}, within(1e-7f));
    assertThat(constrain(BALL, 0.06, -0.05, 0.001, 0))
        .containsExactly(new float[] {0.0425f, -0.0325f, 0, 0}, within(1e-7f));
    assertThat(constrain(BALL, 0.05, 0.05, -0.05, 0))
        .containsExactly(new float[] {0.025f, 0.025f, -0.025f, 0}, within(1e-7f));
  }

  @Test
  void theProjectionIsTheNearestPointOfTheBall() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 10_000; i++) {
      double radius = random.nextDouble(1e-4, 0.2);
      double[] v = {
        random.nextDouble(-0.3, 0.3), random.nextDouble(-0.3, 0.3), random.nextDouble(-0.3, 0.3)
      };
      double theta =
          ActionConstraints.l1Threshold(Math.abs(v[0]), Math.abs(v[1]), Math.abs(v[2]), radius);

      assertThat(theta).isCloseTo(bisectionThreshold(v, radius), within(1e-12));
    }
  }

  @Test
  void noRoundedResultLeavesTheBallOrTheBox() {
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 100_000; i++) {
      double maxNormM = random.nextDouble(1e-4, 0.3);
      double radiusM = random.nextDouble(1e-5, 0.3);
      CemConfig config =
          CemConfig.builder().maxNormM(maxNormM).l1BallEnabled(true).l1BallRadiusM(radiusM).build();
      float[] out =
          constrain(config, random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), 0);

      assertThat(ActionConstraints.l1NormM(out, 0)).isLessThanOrEqualTo(radiusM);
      for (int c = 0; c < 3; c++) {
        assertThat(Math.abs((double) out[c])).isLessThanOrEqualTo(maxNormM);
      }
    }
  }

  @Test
  void floatAtMostRoundsDown() {
    assertThat(ActionConstraints.floatAtMost(0.05))
        .isLessThanOrEqualTo(0.05)
        .isCloseTo(0.05, within(1e-8));
    assertThat(ActionConstraints.floatAtMost(0.75)).isEqualTo(0.75);
  }

  /** Finds θ with Σ max(|v| − θ, 0) = radius by bisection (0 when inside). */
  private static double bisectionThreshold(double[] v, double radius) {
    double low = 0;
    double high = Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]);
    if (high <= radius) {
      return 0;
    }
    for (int i = 0; i < 200; i++) {
      double mid = (low + high) / 2;
      double sum = 0;
      for (double value : v) {
        sum += Math.max(Math.abs(value) - mid, 0);
      }
      if (sum > radius) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }
}
