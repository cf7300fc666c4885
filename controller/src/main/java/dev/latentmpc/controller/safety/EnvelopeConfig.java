package dev.latentmpc.controller.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * Immutable, validated limits of the {@link SafetyEnvelope}.
 *
 * <p>Defaults: per-step xyz delta inside the L1 ball of radius 0.075 m (the paper's action
 * constraint, ≈13 cm of end-effector travel at most) and within ±0.075 m per axis; rotation deltas
 * 0 (the planner never samples rotations, so any rotation in a command is clipped away unless a
 * deployment allows it here); gripper delta within ±1; resulting position inside the box x 0.25 …
 * 0.80 m, y −0.40 … 0.40 m, z 0.02 … 0.70 m (robot base frame, 1 cm above the simulated workspace
 * floor so a command never presses on the table); resulting gripper closedness in [0, 1].
 *
 * <p>A current state outside the box by at most {@code stateToleranceM} (or a gripper outside [0,
 * 1] by at most {@code gripperStateTolerance}) is accepted, and the command brings it back inside;
 * further out, the envelope rejects every command. The tolerances are bounded so that the way back
 * always fits in one step: {@code stateToleranceM} below the per-axis bound and below a third of
 * the L1 radius, {@code gripperStateTolerance} at most the gripper step.
 *
 * <p>Build instances with {@link #builder()} (defaults plus overrides); the constructor checks
 * every field and reports all problems at once in one {@link IllegalArgumentException}.
 *
 * @param maxStepL1M radius of the L1 ball bounding |Δx| + |Δy| + |Δz| [m], positive
 * @param maxStepAxisM bound on each of |Δx|, |Δy|, |Δz| [m], positive
 * @param maxStepRotationRad bound on each rotation delta [rad], in [0, π]
 * @param maxStepGripper bound on |Δgripper|, in (0, 1]
 * @param minXM workspace lower x [m]
 * @param maxXM workspace upper x [m], above {@code minXM}
 * @param minYM workspace lower y [m]
 * @param maxYM workspace upper y [m], above {@code minYM}
 * @param minZM workspace lower z [m]
 * @param maxZM workspace upper z [m], above {@code minZM}
 * @param stateToleranceM how far outside the box the current position may be [m], ≥ 0
 * @param gripperStateTolerance how far outside [0, 1] the current gripper may be, ≥ 0
 */
public record EnvelopeConfig(
    double maxStepL1M,
    double maxStepAxisM,
    double maxStepRotationRad,
    double maxStepGripper,
    double minXM,
    double maxXM,
    double minYM,
    double maxYM,
    double minZM,
    double maxZM,
    double stateToleranceM,
    double gripperStateTolerance) {

  /** Validates every field; see the class documentation for the rules. */
  public EnvelopeConfig {
    List<String> errors = new ArrayList<>();
    positive(errors, "maxStepL1M", maxStepL1M);
    positive(errors, "maxStepAxisM", maxStepAxisM);
    within(errors, "maxStepRotationRad", maxStepRotationRad, 0, Math.PI);
    if (!(maxStepGripper > 0 && maxStepGripper <= 1)) {
      errors.add("maxStepGripper must be in (0, 1], got " + maxStepGripper);
    }
    range(errors, "x", minXM, maxXM);
    range(errors, "y", minYM, maxYM);
    range(errors, "z", minZM, maxZM);
    tolerances(errors, maxStepL1M, maxStepAxisM, stateToleranceM);
    within(errors, "gripperStateTolerance", gripperStateTolerance, 0, maxStepGripper);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid EnvelopeConfig: " + String.join("; ", errors));
    }
  }

  private static void positive(List<String> errors, String name, double value) {
    if (!(Double.isFinite(value) && value > 0)) {
      errors.add(name + " must be finite and > 0, got " + value);
    }
  }

  private static void within(List<String> errors, String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      errors.add(name + " must be in [" + lo + ", " + hi + "], got " + value);
    }
  }

  private static void range(List<String> errors, String axis, double min, double max) {
    if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
      errors.add(
          "workspace " + axis + " range must be finite with min < max, got " + min + ".." + max);
    }
  }

  private static void tolerances(List<String> errors, double l1M, double axisM, double tolM) {
    if (!(Double.isFinite(tolM) && tolM >= 0)) {
      errors.add("stateToleranceM must be finite and >= 0, got " + tolM);
    } else if (!(tolM < axisM && 3 * tolM < l1M)) {
      errors.add(
          "stateToleranceM must be < maxStepAxisM and < maxStepL1M / 3 (so the way back into the"
              + " box fits one step), got "
              + tolM);
    }
  }

  /** Returns the defaults described in the class documentation. */
  public static EnvelopeConfig defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder()
        .maxStepL1M(maxStepL1M)
        .maxStepAxisM(maxStepAxisM)
        .maxStepRotationRad(maxStepRotationRad)
        .maxStepGripper(maxStepGripper)
        .workspaceX(minXM, maxXM)
        .workspaceY(minYM, maxYM)
        .workspaceZ(minZM, maxZM)
        .stateToleranceM(stateToleranceM)
        .gripperStateTolerance(gripperStateTolerance);
  }

  /** Mutable builder of {@link EnvelopeConfig}, starting from the defaults; checks at build. */
  public static final class Builder {
    private double maxStepL1M = 0.075;
    private double maxStepAxisM = 0.075;
    private double maxStepRotationRad;
    private double maxStepGripper = 1.0;
    private double minXM = 0.25;
    private double maxXM = 0.80;
    private double minYM = -0.40;
    private double maxYM = 0.40;
    private double minZM = 0.02;
    private double maxZM = 0.70;
    private double stateToleranceM = 0.02;
    private double gripperStateTolerance = 0.05;

    private Builder() {}

    /** Sets {@link EnvelopeConfig#maxStepL1M()}. */
    public Builder maxStepL1M(double value) {
      maxStepL1M = value;
      return this;
    }

    /** Sets {@link EnvelopeConfig#maxStepAxisM()}. */
    public Builder maxStepAxisM(double value) {
      maxStepAxisM = value;
      return this;
    }

    /** Sets {@link EnvelopeConfig#maxStepRotationRad()}. */
    public Builder maxStepRotationRad(double value) {
      maxStepRotationRad = value;
      return this;
    }

    /** Sets {@link EnvelopeConfig#maxStepGripper()}. */
    public Builder maxStepGripper(double value) {
      maxStepGripper = value;
      return this;
    }

    /** Sets the workspace x range [m]. */
    public Builder workspaceX(double minM, double maxM) {
      minXM = minM;
      maxXM = maxM;
      return this;
    }

    /** Sets the workspace y range [m]. */
    public Builder workspaceY(double minM, double maxM) {
      minYM = minM;
      maxYM = maxM;
      return this;
    }

    /** Sets the workspace z range [m]. */
    public Builder workspaceZ(double minM, double maxM) {
      minZM = minM;
      maxZM = maxM;
      return this;
    }

    /** Sets {@link EnvelopeConfig#stateToleranceM()}. */
    public Builder stateToleranceM(double value) {
      stateToleranceM = value;
      return this;
    }

    /** Sets {@link EnvelopeConfig#gripperStateTolerance()}. */
    public Builder gripperStateTolerance(double value) {
      gripperStateTolerance = value;
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException naming every invalid field
     */
    public EnvelopeConfig build() {
      return new EnvelopeConfig(
          maxStepL1M,
          maxStepAxisM,
          maxStepRotationRad,
          maxStepGripper,
          minXM,
          maxXM,
          minYM,
          maxYM,
          minZM,
          maxZM,
          stateToleranceM,
          gripperStateTolerance);
    }
  }
}
