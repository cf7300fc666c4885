package dev.latentmpc.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.worldmodel.ActionBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** Reproducibility, warm start, non-finite energies and the energy function's contract. */
class CemPlannerBehaviourTest {

  private static final EnergyFunction REACH =
      AnalyticEnergies.cumulativeL1(new double[] {0.04, -0.01, 0.03}, 0.6);

  private static CemPlanner planner(CemConfig config, RandomGenerator random) {
    return new CemPlanner(config, random, new ManualClock(0));
  }

  /** Records a copy of every batch the planner hands out, then delegates. */
  private static final class Recorder implements EnergyFunction {
    private final EnergyFunction delegate;
    private final List<float[]> batches = new ArrayList<>();

    Recorder(EnergyFunction delegate) {
      this.delegate = delegate;
    }

    @Override
    public float[] energies(ActionBatch actions) {
      batches.add(actions.values().clone());
      return delegate.energies(actions);
    }
  }

  @Test
  void theSameSeedGivesIdenticalPlansAndSamplesBitForBit() {
    CemConfig config = CemConfig.builder().horizon(3).l1BallEnabled(true).build();
    Recorder first = new Recorder(REACH);
    Recorder second = new Recorder(REACH);
    CemPlanner a = planner(config, new SplittableRandom(42));
    CemPlanner b = planner(config, new SplittableRandom(42));

    List<Plan> plansA = List.of(a.plan(first, Deadline.none()), a.plan(first, Deadline.none()));
    List<Plan> plansB = List.of(b.plan(second, Deadline.none()), b.plan(second, Deadline.none()));

    assertThat(plansA).isEqualTo(plansB);
    assertThat(first.batches).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(first.batches.get(i)).isEqualTo(second.batches.get(i));
    }
    Plan otherSeed = planner(config, new SplittableRandom(43)).plan(REACH, Deadline.none());
    assertThat(otherSeed.actions()).isNotEqualTo(plansA.get(0).actions());
  }

  @Test
  void anyRandomGeneratorAlgorithmIsReproducible() {
    RandomGeneratorFactory<RandomGenerator> factory = RandomGeneratorFactory.of("L64X128MixRandom");

    Plan a = planner(CemConfig.defaults(), factory.create(7)).plan(REACH, Deadline.none());
    Plan b = planner(CemConfig.defaults(), factory.create(7)).plan(REACH, Deadline.none());

    assertThat(a).isEqualTo(b);
  }

  @Test
  void aWarmStartShiftsThePreviousPlanByOneStepAndEndsWithZero() {
    float[][] previous = {
      {0.01f, 0.02f, 0.03f, 0, 0, 0, 0.4f},
      {-0.02f, 0.01f, 0.005f, 0, 0, 0, 0.6f},
      {0.03f, -0.04f, 0.02f, 0, 0, 0, -0.5f}
    };
    // Negligible initial spread: the first batch shows the initial mean itself.
    CemConfig config =
        CemConfig.builder().horizon(3).initialStdXyzM(1e-12).initialStdGripper(1e-12).build();
    Recorder recorder = new Recorder(REACH);

    planner(config, new SplittableRandom(1))
        .plan(
            recorder,
            Deadline.none(),
            Optional.of(new Plan(previous, 0.1, 10, false, new long[10], 0)));

    float[] first = recorder.batches.get(0);
    for (int sample = 0; sample < config.samples(); sample++) {
      int base = sample * 3 * 7;
      assertThat(Arrays.copyOfRange(first, base, base + 7))
          .containsExactly(previous[1], within(1e-8f));
      assertThat(Arrays.copyOfRange(first, base + 7, base + 14))
          .containsExactly(previous[2], within(1e-8f));
      assertThat(Arrays.copyOfRange(first, base + 14, base + 21))
          .containsExactly(new float[7], within(1e-8f));
    }
  }

  @Test
  void aWarmStartIsConstrainedLikeASample() {
    float[][] outside = {{0, 0, 0, 0, 0, 0, 0}, {0.5f, -0.5f, 0.2f, 0, 0, 0, 3f}};
    CemConfig config =
        CemConfig.builder().horizon(2).initialStdXyzM(1e-12).initialStdGripper(1e-12).build();
    Recorder recorder = new Recorder(REACH);

    planner(config, new SplittableRandom(1))
        .plan(
            recorder, Deadline.none(), Optional.of(new Plan(outside, 0, 1, false, new long[1], 0)));

    assertThat(Arrays.copyOfRange(recorder.batches.get(0), 0, 7))
        .containsExactly(new float[] {0.05f, -0.05f, 0.05f, 0, 0, 0, 0.75f}, within(1e-6f));
  }

  @Test
  void aWarmStartWithHorizonOneEqualsTheColdStart() {
    Plan previous =
        planner(CemConfig.defaults(), new SplittableRandom(5)).plan(REACH, Deadline.none());

    Plan warm =
        planner(CemConfig.defaults(), new SplittableRandom(9))
            .plan(REACH, Deadline.none(), Optional.of(previous));
    Plan cold = planner(CemConfig.defaults(), new SplittableRandom(9)).plan(REACH, Deadline.none());

    assertThat(warm).isEqualTo(cold);
  }

  @Test
  void rotationsAreZeroEvenIfTheEnergyFunctionWritesIntoTheBatch() {
    Recorder recorder = new Recorder(REACH);
    EnergyFunction vandal =
        batch -> {
          float[] energies = recorder.energies(batch);
          Arrays.fill(batch.values(), 9f);
          return energies;
        };

    Plan plan =
        planner(CemConfig.builder().horizon(2).build(), new SplittableRandom(2))
            .plan(vandal, Deadline.none());

    ConstraintChecker checker = new ConstraintChecker(CemConfig.builder().horizon(2).build());
    recorder.batches.forEach(values -> checker.check(new ActionBatch(800, 2, values)));
    checker.check(plan);
    assertThat(checker.violations()).isEmpty();
  }

  @Test
  void nonFiniteEnergiesAreNeverElites() {
    // The optimum has x > 0, but every sample with x > 0 scores NaN, +inf or -inf.
    float[] poison = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (float bad : poison) {
      EnergyFunction energy =
          batch -> {
            float[] energies = REACH.energies(batch);
            for (int sample = 0; sample < batch.samples(); sample++) {
              if (batch.value(sample, 0, 0) > 0) {
                energies[sample] = bad;
              }
            }
            return energies;
          };

      Plan plan =
          planner(CemConfig.defaults(), new SplittableRandom(4)).plan(energy, Deadline.none());

      assertThat(plan.action(0, 0)).as("x with %s", bad).isLessThanOrEqualTo(0f);
      assertThat(plan.eliteEnergy()).isFinite();
      assertThat(plan.nonFiniteEnergies()).isPositive();
    }
  }

  @Test
  void allNonFiniteEnergiesStillGiveAFeasiblePlan() {
    CemConfig config = CemConfig.builder().l1BallEnabled(true).build();
    EnergyFunction broken =
        batch -> {
          float[] energies = new float[batch.samples()];
          Arrays.fill(energies, Float.NaN);
          return energies;
        };

    Plan plan = planner(config, new SplittableRandom(4)).plan(broken, Deadline.none());

    assertThat(plan.completedIterations()).isEqualTo(10);
    assertThat(plan.eliteEnergy()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(plan.nonFiniteEnergies()).isEqualTo(8000);
    ConstraintChecker checker = new ConstraintChecker(config);
    checker.check(plan);
    assertThat(checker.violations()).isEmpty();
  }

  @Test
  void anEnergyOfTheWrongLengthIsRejected() {
    CemPlanner planner = planner(CemConfig.defaults(), new SplittableRandom(1));

    assertThatThrownBy(() -> planner.plan(batch -> new float[3], Deadline.none()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("3 energies for 800 samples");
    assertThatThrownBy(() -> planner.plan(batch -> null, Deadline.none()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("null");
  }

  @Test
  void theEnergyFunctionsExceptionReachesTheCaller() {
    CemPlanner planner = planner(CemConfig.defaults(), new SplittableRandom(1));
    EnergyFunction failing =
        batch -> {
          throw new ArithmeticException("model failed");
        };

    assertThatThrownBy(() -> planner.plan(failing, Deadline.none()))
        .isInstanceOf(ArithmeticException.class)
        .hasMessage("model failed");
  }
}
