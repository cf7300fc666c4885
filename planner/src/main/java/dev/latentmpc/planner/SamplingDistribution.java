package dev.latentmpc.planner;

import dev.latentmpc.worldmodel.ActionBatch;
import java.util.random.RandomGenerator;

/**
 * The CEM sampling distribution: an independent Gaussian per horizon step over (x, y, z, gripper),
 * its sampling and its momentum refit on the elites. Not thread-safe; allocation free except for
 * the returned actions.
 */
final class SamplingDistribution {

  private static final int DIM = ActionConstraints.SAMPLED_DIM;

  private final CemConfig config;
  private final ActionConstraints constraints;
  private final double[] mean;
  private final double[] std;
  private final float[] scratch = new float[DIM];

  SamplingDistribution(CemConfig config, ActionConstraints constraints) {
    this.config = config;
    this.constraints = constraints;
    mean = new double[config.horizon() * DIM];
    std = new double[config.horizon() * DIM];
  }

  /**
   * Resets the standard deviations to their initial values and the mean to zero or, given a
   * previous plan, to that plan shifted by one step (its action h + 1 becomes step h; steps past
   * its end start at zero, the cold-start mean), constrained like a sample.
   */
  void reset(Plan warmStart) {
    for (int step = 0; step < config.horizon(); step++) {
      int base = step * DIM;
      std[base] = std[base + 1] = std[base + 2] = config.initialStdXyzM();
      std[base + 3] = config.initialStdGripper();
      boolean shifted = warmStart != null && step + 1 < warmStart.horizon();
      if (shifted) {
        int from = step + 1;
        constraints.constrain(
            warmStart.action(from, 0),
            warmStart.action(from, 1),
            warmStart.action(from, 2),
            warmStart.action(from, ActionBatch.ACTION_DIM - 1),
            scratch,
            0);
      }
      for (int c = 0; c < DIM; c++) {
        mean[base + c] = shifted ? scratch[c] : 0;
      }
    }
  }

  /**
   * Draws {@code config.samples()} constrained sequences into {@code out}, [samples, horizon, 4].
   */
  void sample(RandomGenerator random, float[] out) {
    int offset = 0;
    for (int sample = 0; sample < config.samples(); sample++) {
      for (int base = 0; base < mean.length; base += DIM) {
        double x = mean[base] + std[base] * random.nextGaussian();
        double y = mean[base + 1] + std[base + 1] * random.nextGaussian();
        double z = mean[base + 2] + std[base + 2] * random.nextGaussian();
        double gripper = mean[base + 3] + std[base + 3] * random.nextGaussian();
        constraints.constrain(x, y, z, gripper, out, offset);
        offset += DIM;
      }
    }
  }

  /**
   * Refits mean and standard deviation on the elites of {@code sampled}: {@code new = (1 − m) ·
   * elite statistic + m · old}, with the xyz or gripper momentum, and the unbiased (n − 1) elite
   * standard deviation.
   */
  void update(float[] sampled, EliteSelector elites) {
    int k = elites.count();
    int stride = mean.length;
    for (int j = 0; j < mean.length; j++) {
      double sum = 0;
      for (int rank = 0; rank < k; rank++) {
        sum += sampled[elites.index(rank) * stride + j];
      }
      double eliteMean = sum / k;
      double squares = 0;
      for (int rank = 0; rank < k; rank++) {
        double deviation = sampled[elites.index(rank) * stride + j] - eliteMean;
        squares += deviation * deviation;
      }
      double eliteStd = Math.sqrt(squares / (k - 1));
      boolean gripper = j % DIM == DIM - 1;
      double momentumMean = gripper ? config.momentumMeanGripper() : config.momentumMean();
      double momentumStd = gripper ? config.momentumStdGripper() : config.momentumStd();
      mean[j] = (1 - momentumMean) * eliteMean + momentumMean * mean[j];
      std[j] = (1 - momentumStd) * eliteStd + momentumStd * std[j];
    }
  }

  /**
   * Returns the mean as {@code [horizon][7]} actions: rotation deltas 0, gripper values below the
   * rounding threshold in magnitude set to 0. The mean is a convex combination of feasible points
   * and so feasible already; it is constrained once more only to store it as floats safely.
   */
  float[][] meanActions() {
    float[][] actions = new float[config.horizon()][ActionBatch.ACTION_DIM];
    for (int step = 0; step < config.horizon(); step++) {
      int base = step * DIM;
      constraints.constrain(mean[base], mean[base + 1], mean[base + 2], mean[base + 3], scratch, 0);
      float[] action = actions[step];
      action[0] = scratch[0];
      action[1] = scratch[1];
      action[2] = scratch[2];
      float gripper = scratch[3];
      action[ActionBatch.ACTION_DIM - 1] =
          Math.abs(gripper) < config.gripperRoundingThreshold() ? 0f : gripper;
    }
    return actions;
  }
}
