package dev.latentmpc.planner;

import static dev.latentmpc.planner.AnalyticEnergies.cumulativeL1;
import static dev.latentmpc.planner.AnalyticEnergies.quadraticBowl;
import static dev.latentmpc.planner.AnalyticEnergies.repeated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CEM at the default (paper) settings finds the known optima of analytic energies. */
class CemPlannerConvergenceTest {

  private static final int GRIPPER = 6;

  private static Plan plan(CemConfig config, EnergyFunction energy, long seed) {
    Plan plan =
        new CemPlanner(config, new SplittableRandom(seed), new ManualClock(0))
            .plan(energy, Deadline.none());
    assertThat(plan.completedIterations()).isEqualTo(config.iterations());
    assertThat(plan.deadlineReached()).isFalse();
    ConstraintChecker checker = new ConstraintChecker(config);
    checker.check(plan);
    assertThat(checker.violations()).isEmpty();
    return plan;
  }

  private static double displacementM(Plan plan, int axis) {
    double sum = 0;
    for (int step = 0; step < plan.horizon(); step++) {
      sum += plan.action(step, axis);
    }
    return sum;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void reachesAnL1TargetInOneStep(long seed) {
    Plan plan =
        plan(CemConfig.defaults(), cumulativeL1(new double[] {0.03, -0.02, 0.01}, 0.5), seed);

    assertThat(plan.firstAction())
        .containsExactly(new float[] {0.03f, -0.02f, 0.01f, 0, 0, 0, 0.5f}, within(1e-4f));
    assertThat(plan.eliteEnergy()).isBetween(0.0, 1e-3);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void reachesACumulativeL1TargetOverTwoSteps(long seed) {
    double[] targetM = {0.06, -0.03, 0.02};
    Plan plan = plan(CemConfig.builder().horizon(2).build(), cumulativeL1(targetM, 0.5), seed);

    for (int axis = 0; axis < 3; axis++) {
      assertThat(displacementM(plan, axis))
          .as("axis %d", axis)
          .isCloseTo(targetM[axis], within(2e-3));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void findsTheMinimumOfAQuadraticBowlInsideTheBox(long seed) {
    double[][] optimum = {
      {0.01, 0.02, -0.03, 0.4}, {-0.02, 0.0, 0.04, -0.5}, {0.045, -0.045, 0, 0.6}
    };
    Plan plan = plan(CemConfig.builder().horizon(3).build(), quadraticBowl(optimum), seed);

    for (int step = 0; step < 3; step++) {
      for (int c = 0; c < 4; c++) {
        float actual = plan.action(step, c == 3 ? GRIPPER : c);
        assertThat(actual)
            .as("step %d component %d", step, c)
            .isCloseTo((float) optimum[step][c], within(1e-2f));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void findsTheMinimumOfAOneStepBowlTightly(long seed) {
    Plan plan =
        plan(CemConfig.defaults(), quadraticBowl(repeated(1, -0.012, 0.034, 0.021, -0.6)), seed);

    assertThat(plan.firstAction())
        .containsExactly(new float[] {-0.012f, 0.034f, 0.021f, 0, 0, 0, -0.6f}, within(1e-3f));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void stopsAtTheClipBoundaryForATargetOutOfReach(long seed) {
    Plan plan = plan(CemConfig.defaults(), cumulativeL1(new double[] {0.2, -0.3, 0.0}, 2.0), seed);

    assertThat(plan.firstAction())
        .containsExactly(new float[] {0.05f, -0.05f, 0, 0, 0, 0, 0.75f}, within(1e-5f));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void stopsAtTheL1BallForATargetOutsideIt(long seed) {
    CemConfig config = CemConfig.builder().maxNormM(0.1).l1BallEnabled(true).build();

    Plan vertex = plan(config, cumulativeL1(new double[] {0.2, 0, 0}, 0.5), seed);
    Plan face = plan(config, quadraticBowl(repeated(1, 0.2, 0.2, 0, 0.5)), seed);

    assertThat(vertex.firstAction())
        .containsExactly(new float[] {0.075f, 0, 0, 0, 0, 0, 0.5f}, within(1e-3f));
    // The minimum of a bowl over the ball is the projection of its centre onto the ball.
    assertThat(face.firstAction())
        .containsExactly(new float[] {0.0375f, 0.0375f, 0, 0, 0, 0, 0.5f}, within(1e-3f));
  }

  @ParameterizedTest
  @CsvSource({"0.1, 0", "-0.2, 0", "0.24, 0", "0.3, 0.3", "-0.5, -0.5", "0.7, 0.7", "2.0, 0.75"})
  void roundsSmallGripperValuesToZero(double gripperOptimum, float expected) {
    Plan plan =
        plan(CemConfig.defaults(), quadraticBowl(repeated(1, 0.01, 0.01, 0.01, gripperOptimum)), 7);

    assertThat(plan.action(0, GRIPPER)).isCloseTo(expected, within(5e-3f));
    if (expected == 0) {
      assertThat(plan.action(0, GRIPPER)).isZero();
    }
  }
}
