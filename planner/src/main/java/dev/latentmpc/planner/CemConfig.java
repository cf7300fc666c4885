package dev.latentmpc.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Immutable, validated settings of the {@link CemPlanner}.
 *
 * <p>Defaults and their sources (V-JEPA 2 paper, arXiv 2506.09985, and the public notebook code,
 * {@code notebooks/utils/mpc_utils.py} function {@code cem} and {@code world_model_wrapper.py}):
 *
 * <ul>
 *   <li>{@code samples} 800, {@code iterations} 10, {@code topK} 10, {@code horizon} 1: the paper's
 *       planning settings.
 *   <li>{@code maxNormM} 0.05 m: the per-axis clip of the sampled xyz deltas, the value of both the
 *       {@code cem} signature and the notebook wrapper. The paper's L1 ball (radius 0.075 m) is a
 *       separate option, {@code l1BallEnabled}, off by default so the default planner behaves
 *       exactly as the public code that produced the paper's robot results.
 *   <li>{@code gripperLimit} 0.75: the clip of the sampled gripper delta in {@code cem}.
 *   <li>{@code initialStdXyzM} = {@code maxNormM} and {@code initialStdGripper} 1.0: the initial
 *       standard deviations in {@code cem}.
 *   <li>{@code momentumMean} = {@code momentumStd} = 0.15: the notebook wrapper's values (the
 *       {@code cem} signature's own defaults are 0.25 and 0.95; set them here to reproduce that).
 *   <li>{@code momentumMeanGripper} = {@code momentumStdGripper} = 0.15: the {@code cem} defaults,
 *       which the wrapper leaves alone.
 *   <li>{@code gripperRoundingThreshold} 0.25: gripper values of the returned mean below it in
 *       magnitude become 0.
 *   <li>{@code pins} none and {@code closeGripperFromStep} empty: {@code cem}'s {@code axis={}} and
 *       {@code close_gripper=None}, the two hooks the public code offers for scripting the gripper
 *       or holding an axis still (see {@link SamplingHooks}; per sub-goal through {@link
 *       CemPlanner#plan(EnergyFunction, Deadline, java.util.Optional, SamplingHooks)}).
 * </ul>
 *
 * <p>A momentum m keeps the fraction m of the old value: {@code new = (1 - m) * elite + m * old}.
 * Build instances with {@link #builder()} (defaults plus overrides); the constructor checks every
 * field and reports all problems at once in one {@link IllegalArgumentException} that names them.
 *
 * @param samples action sequences drawn per iteration, ≥ {@code topK}
 * @param iterations CEM iterations per plan, ≥ 1
 * @param topK elites refitted per iteration, ≥ 2 (their standard deviation is unbiased)
 * @param horizon actions per sequence, ≥ 1
 * @param maxNormM per-axis bound on the sampled xyz deltas [m], finite and positive
 * @param gripperLimit bound on the sampled gripper delta, finite and positive
 * @param initialStdXyzM initial standard deviation of the xyz deltas [m], finite and positive
 * @param initialStdGripper initial standard deviation of the gripper delta, finite and positive
 * @param momentumMean momentum of the xyz mean, in [0, 1)
 * @param momentumStd momentum of the xyz standard deviation, in [0, 1)
 * @param momentumMeanGripper momentum of the gripper mean, in [0, 1)
 * @param momentumStdGripper momentum of the gripper standard deviation, in [0, 1)
 * @param gripperRoundingThreshold returned gripper values below it in magnitude become 0; finite, ≥
 *     0
 * @param l1BallEnabled whether every sampled xyz delta is projected onto the L1 ball
 * @param l1BallRadiusM radius of that ball [m], finite and positive (checked even when disabled)
 * @param pins action components held at a value in every sample; each within the bounds above
 * @param closeGripperFromStep the first horizon step whose Δgripper is 1 in every sample, ≥ 0;
 *     empty for none
 */
public record CemConfig(
    int samples,
    int iterations,
    int topK,
    int horizon,
    double maxNormM,
    double gripperLimit,
    double initialStdXyzM,
    double initialStdGripper,
    double momentumMean,
    double momentumStd,
    double momentumMeanGripper,
    double momentumStdGripper,
    double gripperRoundingThreshold,
    boolean l1BallEnabled,
    double l1BallRadiusM,
    AxisPins pins,
    OptionalInt closeGripperFromStep) {

  /** Validates every field; see the class documentation for the rules. */
  public CemConfig {
    List<String> errors = new ArrayList<>();
    checkCounts(errors, samples, iterations, topK, horizon);
    ConfigChecks.positive(errors, "maxNormM", maxNormM);
    ConfigChecks.positive(errors, "gripperLimit", gripperLimit);
    ConfigChecks.positive(errors, "initialStdXyzM", initialStdXyzM);
    ConfigChecks.positive(errors, "initialStdGripper", initialStdGripper);
    ConfigChecks.momentum(errors, "momentumMean", momentumMean);
    ConfigChecks.momentum(errors, "momentumStd", momentumStd);
    ConfigChecks.momentum(errors, "momentumMeanGripper", momentumMeanGripper);
    ConfigChecks.momentum(errors, "momentumStdGripper", momentumStdGripper);
    ConfigChecks.nonNegative(errors, "gripperRoundingThreshold", gripperRoundingThreshold);
    ConfigChecks.positive(errors, "l1BallRadiusM", l1BallRadiusM);
    Objects.requireNonNull(pins, "pins");
    Objects.requireNonNull(closeGripperFromStep, "closeGripperFromStep");
    pins.check(errors, "pins.", maxNormM, gripperLimit, l1BallEnabled, l1BallRadiusM);
    if (closeGripperFromStep.isPresent() && closeGripperFromStep.getAsInt() < 0) {
      errors.add("closeGripperFromStep must be >= 0, got " + closeGripperFromStep.getAsInt());
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid CemConfig: " + String.join("; ", errors));
    }
  }

  private static void checkCounts(
      List<String> errors, int samples, int iterations, int topK, int horizon) {
    ConfigChecks.atLeast(errors, "iterations", iterations, 1);
    ConfigChecks.atLeast(errors, "topK", topK, 2);
    ConfigChecks.atLeast(errors, "horizon", horizon, 1);
    if (samples < topK) {
      errors.add("samples must be >= topK (" + topK + "), got " + samples);
    }
    if ((long) samples * Math.max(horizon, 1) * 7 > Integer.MAX_VALUE - 8) {
      errors.add("samples x horizon x 7 must fit one Java array, got samples=" + samples);
    }
  }

  /** Returns this configuration's sampling hooks: its gripper spread, pins and closing step. */
  public SamplingHooks sampling() {
    return new SamplingHooks(initialStdGripper, pins, closeGripperFromStep);
  }

  /** Returns the defaults described in the class documentation. */
  public static CemConfig defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder()
        .samples(samples)
        .iterations(iterations)
        .topK(topK)
        .horizon(horizon)
        .maxNormM(maxNormM)
        .gripperLimit(gripperLimit)
        .initialStdXyzM(initialStdXyzM)
        .initialStdGripper(initialStdGripper)
        .momentumMean(momentumMean)
        .momentumStd(momentumStd)
        .momentumMeanGripper(momentumMeanGripper)
        .momentumStdGripper(momentumStdGripper)
        .gripperRoundingThreshold(gripperRoundingThreshold)
        .l1BallEnabled(l1BallEnabled)
        .l1BallRadiusM(l1BallRadiusM)
        .pins(pins)
        .closeGripperFromStep(closeGripperFromStep);
  }

  /**
   * Mutable builder of {@link CemConfig}, starting from the defaults. Nothing is checked before
   * {@link #build()}. Unless set explicitly, {@code initialStdXyzM} follows {@code maxNormM}.
   */
  public static final class Builder {
    private int samples = 800;
    private int iterations = 10;
    private int topK = 10;
    private int horizon = 1;
    private double maxNormM = 0.05;
    private double gripperLimit = 0.75;
    private Double initialStdXyzM;
    private double initialStdGripper = 1.0;
    private double momentumMean = 0.15;
    private double momentumStd = 0.15;
    private double momentumMeanGripper = 0.15;
    private double momentumStdGripper = 0.15;
    private double gripperRoundingThreshold = 0.25;
    private boolean l1BallEnabled;
    private double l1BallRadiusM = 0.075;
    private AxisPins pins = AxisPins.NONE;
    private OptionalInt closeGripperFromStep = OptionalInt.empty();

    private Builder() {}

    /** Sets {@link CemConfig#samples()}. */
    public Builder samples(int value) {
      samples = value;
      return this;
    }

    /** Sets {@link CemConfig#iterations()}. */
    public Builder iterations(int value) {
      iterations = value;
      return this;
    }

    /** Sets {@link CemConfig#topK()}. */
    public Builder topK(int value) {
      topK = value;
      return this;
    }

    /** Sets {@link CemConfig#horizon()}. */
    public Builder horizon(int value) {
      horizon = value;
      return this;
    }

    /** Sets {@link CemConfig#maxNormM()}. */
    public Builder maxNormM(double value) {
      maxNormM = value;
      return this;
    }

    /** Sets {@link CemConfig#gripperLimit()}. */
    public Builder gripperLimit(double value) {
      gripperLimit = value;
      return this;
    }

    /** Sets {@link CemConfig#initialStdXyzM()}; by default it equals {@code maxNormM}. */
    public Builder initialStdXyzM(double value) {
      initialStdXyzM = value;
      return this;
    }

    /** Sets {@link CemConfig#initialStdGripper()}. */
    public Builder initialStdGripper(double value) {
      initialStdGripper = value;
      return this;
    }

    /** Sets {@link CemConfig#momentumMean()}. */
    public Builder momentumMean(double value) {
      momentumMean = value;
      return this;
    }

    /** Sets {@link CemConfig#momentumStd()}. */
    public Builder momentumStd(double value) {
      momentumStd = value;
      return this;
    }

    /** Sets {@link CemConfig#momentumMeanGripper()}. */
    public Builder momentumMeanGripper(double value) {
      momentumMeanGripper = value;
      return this;
    }

    /** Sets {@link CemConfig#momentumStdGripper()}. */
    public Builder momentumStdGripper(double value) {
      momentumStdGripper = value;
      return this;
    }

    /** Sets {@link CemConfig#gripperRoundingThreshold()}. */
    public Builder gripperRoundingThreshold(double value) {
      gripperRoundingThreshold = value;
      return this;
    }

    /** Sets {@link CemConfig#l1BallEnabled()}. */
    public Builder l1BallEnabled(boolean value) {
      l1BallEnabled = value;
      return this;
    }

    /** Sets {@link CemConfig#l1BallRadiusM()}. */
    public Builder l1BallRadiusM(double value) {
      l1BallRadiusM = value;
      return this;
    }

    /** Sets {@link CemConfig#pins()}. */
    public Builder pins(AxisPins value) {
      pins = value;
      return this;
    }

    /** Sets {@link CemConfig#closeGripperFromStep()}; empty for none. */
    public Builder closeGripperFromStep(OptionalInt value) {
      closeGripperFromStep = value;
      return this;
    }

    /** Sets the gripper spread, pins and closing step from {@code hooks}. */
    public Builder sampling(SamplingHooks hooks) {
      initialStdGripper = hooks.initialStdGripper();
      pins = hooks.pins();
      closeGripperFromStep = hooks.closeGripperFromStep();
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException naming every invalid field
     */
    public CemConfig build() {
      return new CemConfig(
          samples,
          iterations,
          topK,
          horizon,
          maxNormM,
          gripperLimit,
          initialStdXyzM == null ? maxNormM : initialStdXyzM,
          initialStdGripper,
          momentumMean,
          momentumStd,
          momentumMeanGripper,
          momentumStdGripper,
          gripperRoundingThreshold,
          l1BallEnabled,
          l1BallRadiusM,
          pins,
          closeGripperFromStep);
    }
  }
}
