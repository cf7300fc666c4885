package dev.latentmpc.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.worldmodel.ActionBatch;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Property-style check over seeded random configurations, energies and warm starts: no action the
 * energy function sees and no returned action ever leaves the clips or the L1 ball.
 */
class CemPlannerConstraintPropertyTest {

  private static final int CASES = 2000;
  private static final long SEED = 0x5EED_CE11L;

  @Test
  void noSampledOrReturnedActionViolatesTheConstraints(TestReporter reporter) {
    SplittableRandom random = new SplittableRandom(SEED);
    long checkedActions = 0;
    int withL1Ball = 0;
    for (int i = 0; i < CASES; i++) {
      CemConfig config = randomConfig(random);
      ConstraintChecker checker = new ConstraintChecker(config);
      EnergyFunction energy = RandomEnergies.any(random, config.horizon());
      EnergyFunction checked =
          batch -> {
            checker.check(batch);
            return energy.energies(batch);
          };
      Optional<Plan> warmStart =
          random.nextBoolean() ? Optional.of(randomPlan(random)) : Optional.empty();

      Plan plan =
          new CemPlanner(config, new SplittableRandom(random.nextLong()), new ManualClock(0))
              .plan(checked, Deadline.none(), warmStart);

      checker.check(plan);
      assertThat(checker.violations()).as("case %d", i).isEmpty();
      assertThat(plan.completedIterations()).isEqualTo(config.iterations());
      checkedActions += checker.checkedActions();
      withL1Ball += config.l1BallEnabled() ? 1 : 0;
    }
    reporter.publishEntry("cases", String.valueOf(CASES));
    reporter.publishEntry("casesWithL1Ball", String.valueOf(withL1Ball));
    reporter.publishEntry("checkedActions", String.valueOf(checkedActions));
    assertThat(withL1Ball).isBetween(CASES / 4, 3 * CASES / 4);
  }

  private static CemConfig randomConfig(SplittableRandom random) {
    int topK = random.nextInt(2, 21);
    double maxNormM = logUniform(random, 1e-4, 0.5);
    return CemConfig.builder()
        .topK(topK)
        .samples(random.nextInt(topK, 200))
        .iterations(random.nextInt(1, 7))
        .horizon(random.nextInt(1, 5))
        .maxNormM(maxNormM)
        .gripperLimit(random.nextBoolean() ? 0.75 : random.nextDouble(0.01, 1.5))
        .initialStdXyzM(maxNormM * logUniform(random, 1e-3, 1e3))
        .initialStdGripper(logUniform(random, 1e-3, 1e2))
        .momentumMean(momentum(random))
        .momentumStd(momentum(random))
        .momentumMeanGripper(momentum(random))
        .momentumStdGripper(momentum(random))
        .gripperRoundingThreshold(random.nextDouble(0, 1))
        .l1BallEnabled(random.nextBoolean())
        .l1BallRadiusM(logUniform(random, 1e-4, 1.0))
        .build();
  }

  private static double momentum(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> Math.nextDown(1.0);
      default -> random.nextDouble();
    };
  }

  private static double logUniform(SplittableRandom random, double low, double high) {
    return Math.exp(random.nextDouble(Math.log(low), Math.log(high)));
  }

  /** A previous plan from anywhere, usually far outside the current bounds. */
  private static Plan randomPlan(SplittableRandom random) {
    float[][] actions = new float[random.nextInt(1, 6)][ActionBatch.ACTION_DIM];
    for (float[] action : actions) {
      for (int c = 0; c < action.length; c++) {
        action[c] = (float) random.nextDouble(-2, 2);
      }
    }
    return new Plan(actions, 0, 1, false, new long[1], 0);
  }
}
