package dev.latentmpc.planner;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random energies for the property test: analytic, noisy, constant or partly non-finite. */
final class RandomEnergies {

  private static final float[] NON_FINITE = {
    Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY
  };

  private RandomEnergies() {}

  static EnergyFunction any(SplittableRandom random, int horizon) {
    EnergyFunction base = analyticOrNoise(random, horizon);
    return switch (random.nextInt(4)) {
      case 0 -> poisoned(base, random.nextDouble(), random.nextLong());
      case 1 -> poisoned(base, 1.0, random.nextLong());
      default -> base;
    };
  }

  private static EnergyFunction analyticOrNoise(SplittableRandom random, int horizon) {
    return switch (random.nextInt(5)) {
      case 0 -> AnalyticEnergies.cumulativeL1(vector(random, 3, 0.5), random.nextDouble(-2, 2));
      case 1 -> AnalyticEnergies.quadraticBowl(bowl(random, horizon));
      case 2 -> AnalyticEnergies.linear(vector(random, 4, 1.0));
      case 3 -> noise(random.nextLong());
      default -> constant((float) random.nextDouble(-1, 1));
    };
  }

  /** Replaces each energy with NaN, +∞ or −∞ with the given probability. */
  private static EnergyFunction poisoned(EnergyFunction base, double probability, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return batch -> {
      float[] energies = base.energies(batch);
      for (int i = 0; i < energies.length; i++) {
        if (random.nextDouble() < probability) {
          energies[i] = NON_FINITE[random.nextInt(NON_FINITE.length)];
        }
      }
      return energies;
    };
  }

  private static EnergyFunction noise(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return batch -> {
      float[] energies = new float[batch.samples()];
      for (int i = 0; i < energies.length; i++) {
        energies[i] = (float) random.nextGaussian();
      }
      return energies;
    };
  }

  private static EnergyFunction constant(float value) {
    return batch -> {
      float[] energies = new float[batch.samples()];
      Arrays.fill(energies, value);
      return energies;
    };
  }

  private static double[] vector(SplittableRandom random, int size, double scale) {
    double[] vector = new double[size];
    for (int i = 0; i < size; i++) {
      vector[i] = random.nextDouble(-scale, scale);
    }
    return vector;
  }

  private static double[][] bowl(SplittableRandom random, int horizon) {
    double[][] optimum = new double[horizon][];
    for (int step = 0; step < horizon; step++) {
      optimum[step] = vector(random, 4, 1.0);
    }
    return optimum;
  }
}
