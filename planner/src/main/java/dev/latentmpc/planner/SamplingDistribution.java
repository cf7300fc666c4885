package dev.latentmpc.planner;

import dev.latentmpc.worldmodel.ActionBatch;
import java.util.random.RandomGenerator;

/**
 * The CEM sampling distribution: an independent Gaussian per horizon step over (x, y, z, gripper),
 * its sampling and its momentum refit on the elites, under the plan's {@link SamplingHooks} (pinned
 * components, closing steps, gripper spread). Not thread-safe; allocation free except for the
 * returned actions.
 */
final class SamplingDistribution {

  private static final int DIM = ActionConstraints.SAMPLED_DIM;

  private final CemConfig config;
  private final ActionConstraints constraints;
  private final double[] mean;
  private final double[] std;
  private final float[] scratch = new float[DIM];
  private final Pinning pinning = new Pinning();
  private SamplingHooks hooks;
  private int closeFromStep = Integer.MAX_VALUE;

  SamplingDistribution(CemConfig config, ActionConstraints constraints) {
    this.config = config;
    this.constraints = constraints;
    mean = new double[config.horizon() * DIM];
    std = new double[config.horizon() * DIM];
  }

  /**
   * Takes {@code hooks} for the next plan and resets the standard deviations to their initial
   * values and the mean to zero or, given a previous plan, to that plan shifted by one step (its
   * action h + 1 becomes step h; steps past its end start at zero, the cold-start mean),
   * constrained like a sample; pinned components start at their pins, as in {@code cem}.
   */
  void reset(Plan warmStart, SamplingHooks hooks) {
    this.hooks = hooks;
    closeFromStep = hooks.closeGripperFromStep().orElse(Integer.MAX_VALUE);
    pinning.set(hooks.pins(), config);
    for (int step = 0; step < config.horizon(); step++) {
      int base = step * DIM;
      std[base] = std[base + 1] = std[base + 2] = config.initialStdXyzM();
      std[base + 3] = hooks.initialStdGripper();
      boolean shifted = warmStart != null && step + 1 < warmStart.horizon();
      if (shifted) {
        int from = step + 1;
        constraints.constrain(
            warmStart.action(from, 0),
            warmStart.action(from, 1),
            warmStart.action(from, 2),
            warmStart.action(from, ActionBatch.ACTION_DIM - 1),
            pinning,
            scratch,
            0);
      }
      for (int c = 0; c < DIM; c++) {
        mean[base + c] = shifted ? scratch[c] : 0;
      }
      holdPins(step, false);
    }
  }

  /**
   * Sets the pinned components of step {@code step}'s mean to their pins. {@code cem} starts every
   * step's mean at the pins; after a refit, a closing step's gripper mean follows its samples (all
   * {@link SamplingHooks#CLOSE_GRIPPER_DELTA}) instead.
   */
  private void holdPins(int step, boolean refitted) {
    int base = step * DIM;
    for (int c = 0; c < DIM; c++) {
      boolean closing = refitted && c == DIM - 1 && step >= closeFromStep;
      if (pinning.pinned(c) && !closing) {
        mean[base + c] = pinning.value(c);
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
        // Every component is drawn even when a hook overwrites it, as in cem, so the random
        // stream is the same whatever the hooks.
        double x = mean[base] + std[base] * random.nextGaussian();
        double y = mean[base + 1] + std[base + 1] * random.nextGaussian();
        double z = mean[base + 2] + std[base + 2] * random.nextGaussian();
        double gripper = mean[base + 3] + std[base + 3] * random.nextGaussian();
        constraints.constrain(x, y, z, gripper, pinning, out, offset);
        if (base / DIM >= closeFromStep) {
          out[offset + 3] = SamplingHooks.CLOSE_GRIPPER_DELTA;
        }
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
    // The elites all carry the pins, so the refit keeps them up to rounding; keep them exactly.
    for (int step = 0; step < config.horizon(); step++) {
      holdPins(step, true);
    }
  }

  /**
   * Returns the mean as {@code [horizon][7]} actions: rotation deltas 0, gripper values below the
   * rounding threshold in magnitude set to 0. The mean is a convex combination of feasible points
   * and so feasible already; it is constrained once more only to store it as floats safely. A
   * closing step's gripper mean is not clipped to the sampling bound: it lies between its initial
   * value and {@link SamplingHooks#CLOSE_GRIPPER_DELTA}, and is returned as {@code cem} returns it.
   */
  float[][] meanActions() {
    float[][] actions = new float[config.horizon()][ActionBatch.ACTION_DIM];
    for (int step = 0; step < config.horizon(); step++) {
      int base = step * DIM;
      constraints.constrain(
          mean[base], mean[base + 1], mean[base + 2], mean[base + 3], pinning, scratch, 0);
      float[] action = actions[step];
      action[0] = scratch[0];
      action[1] = scratch[1];
      action[2] = scratch[2];
      float gripper =
          hooks.closes(step)
              ? (float) Math.max(-config.gripperLimit(), Math.min(mean[base + 3], 1.0))
              : scratch[3];
      action[ActionBatch.ACTION_DIM - 1] =
          Math.abs(gripper) < config.gripperRoundingThreshold() ? 0f : gripper;
    }
    return actions;
  }
}
