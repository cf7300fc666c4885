package dev.latentmpc.planner;

import dev.latentmpc.worldmodel.ActionBatch;

/** Energies with known optima, computed directly on the action batch. */
final class AnalyticEnergies {

  private static final int DIM = ActionBatch.ACTION_DIM;
  private static final int GRIPPER = DIM - 1;

  private AnalyticEnergies() {}

  /**
   * Returns Σ_c |Σ_h a[h][c] − targetM[c]| over xyz plus Σ_h |a[h][gripper] − gripperTarget|: the
   * L1 distance of the cumulative displacement to a target, and of every gripper delta to its
   * target.
   */
  static EnergyFunction cumulativeL1(double[] targetM, double gripperTarget) {
    return batch -> {
      float[] energies = new float[batch.samples()];
      float[] values = batch.values();
      for (int sample = 0; sample < batch.samples(); sample++) {
        double[] displacementM = new double[3];
        double energy = 0;
        for (int step = 0; step < batch.horizon(); step++) {
          int base = (sample * batch.horizon() + step) * DIM;
          for (int c = 0; c < 3; c++) {
            displacementM[c] += values[base + c];
          }
          energy += Math.abs(values[base + GRIPPER] - gripperTarget);
        }
        for (int c = 0; c < 3; c++) {
          energy += Math.abs(displacementM[c] - targetM[c]);
        }
        energies[sample] = (float) energy;
      }
      return energies;
    };
  }

  /**
   * Returns Σ_h Σ_c (a[h][c] − optimum[h][c])² over x, y, z and gripper; {@code optimum} is {@code
   * [horizon][4]} as (x, y, z, gripper).
   */
  static EnergyFunction quadraticBowl(double[][] optimum) {
    return batch -> {
      float[] energies = new float[batch.samples()];
      float[] values = batch.values();
      for (int sample = 0; sample < batch.samples(); sample++) {
        double energy = 0;
        for (int step = 0; step < batch.horizon(); step++) {
          int base = (sample * batch.horizon() + step) * DIM;
          for (int c = 0; c < 4; c++) {
            double value = values[base + (c == 3 ? GRIPPER : c)];
            energy += (value - optimum[step][c]) * (value - optimum[step][c]);
          }
        }
        energies[sample] = (float) energy;
      }
      return energies;
    };
  }

  /** Returns Σ_h Σ_c weights[c] · a[h][c] over x, y, z and gripper (weights as x, y, z, g). */
  static EnergyFunction linear(double[] weights) {
    return batch -> {
      float[] energies = new float[batch.samples()];
      float[] values = batch.values();
      for (int sample = 0; sample < batch.samples(); sample++) {
        double energy = 0;
        for (int step = 0; step < batch.horizon(); step++) {
          int base = (sample * batch.horizon() + step) * DIM;
          for (int c = 0; c < 4; c++) {
            energy += weights[c] * values[base + (c == 3 ? GRIPPER : c)];
          }
        }
        energies[sample] = (float) energy;
      }
      return energies;
    };
  }

  /** Returns {@code horizon} copies of the (x, y, z, gripper) optimum, for the quadratic bowl. */
  static double[][] repeated(int horizon, double... optimum) {
    double[][] rows = new double[horizon][];
    for (int step = 0; step < horizon; step++) {
      rows[step] = optimum.clone();
    }
    return rows;
  }
}
