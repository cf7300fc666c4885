package dev.latentmpc.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The parts of the CEM sampling that may change from one plan to the next within a task (per
 * sub-goal): the gripper's initial spread and the public code's two hooks, pinned action components
 * ({@link AxisPins}, {@code cem}'s {@code axis}) and closing the gripper from a horizon step on
 * ({@code cem}'s {@code close_gripper}). {@link CemConfig#sampling()} holds a planner's defaults;
 * {@link CemPlanner#plan(EnergyFunction, Deadline, java.util.Optional, SamplingHooks)} takes others
 * for one plan.
 *
 * <p>Closing from step k follows {@code cem} in facebookresearch/vjepa2 {@code
 * notebooks/utils/mpc_utils.py}: for every horizon step h ≥ k, each sample's Δgripper is set to
 * {@link #CLOSE_GRIPPER_DELTA} after the clip and the pins, whatever was drawn, so the energies see
 * a closing gripper there; the gripper mean of those steps is refitted from these values like any
 * other and so tends to 1 (1 − 0.15¹⁰ after the paper's 10 iterations with momentum 0.15), and the
 * returned plan carries that mean, not clipped to {@code gripperLimit}. The gaussian draws are made
 * for every component even where they are overwritten, as there, so the random stream does not
 * depend on the hooks. With horizon 1 only k = 0 has an effect; a k at or beyond the horizon
 * changes nothing, as in {@code cem}.
 *
 * @param initialStdGripper initial standard deviation of the sampled Δgripper; finite and > 0 (the
 *     public code's 1.0 by default)
 * @param pins components held at a value in every sample
 * @param closeGripperFromStep the first horizon step (0-based) whose Δgripper is {@link
 *     #CLOSE_GRIPPER_DELTA} in every sample; empty for none, else ≥ 0
 */
public record SamplingHooks(
    double initialStdGripper, AxisPins pins, OptionalInt closeGripperFromStep) {

  /** The Δgripper of a closing step: {@code cem} writes 1.0 (beyond its 0.75 sampling clip). */
  public static final float CLOSE_GRIPPER_DELTA = 1.0f;

  /** Checks that nothing is null; the values are checked against a configuration by users. */
  public SamplingHooks {
    Objects.requireNonNull(pins, "pins");
    Objects.requireNonNull(closeGripperFromStep, "closeGripperFromStep");
  }

  /** Returns these hooks with another initial gripper spread. */
  public SamplingHooks withInitialStdGripper(double value) {
    return new SamplingHooks(value, pins, closeGripperFromStep);
  }

  /** Returns these hooks with other pins. */
  public SamplingHooks withPins(AxisPins value) {
    return new SamplingHooks(initialStdGripper, value, closeGripperFromStep);
  }

  /** Returns these hooks closing the gripper from horizon step {@code step} on. */
  public SamplingHooks withCloseGripperFromStep(int step) {
    return new SamplingHooks(initialStdGripper, pins, OptionalInt.of(step));
  }

  /** Returns these hooks without closing. */
  public SamplingHooks withoutClosing() {
    return new SamplingHooks(initialStdGripper, pins, OptionalInt.empty());
  }

  /** Returns whether horizon step {@code step} closes the gripper in every sample. */
  public boolean closes(int step) {
    return closeGripperFromStep.isPresent() && step >= closeGripperFromStep.getAsInt();
  }

  /**
   * Returns a message per value that does not fit {@code config} (empty when all fit): the spread
   * finite and positive, every pin within the sampling bounds ({@link AxisPins}), a closing step ≥
   * 0.
   */
  public List<String> problems(CemConfig config) {
    List<String> errors = new ArrayList<>();
    check(
        errors,
        config.maxNormM(),
        config.gripperLimit(),
        config.l1BallEnabled(),
        config.l1BallRadiusM());
    return errors;
  }

  void check(
      List<String> errors,
      double maxNormM,
      double gripperLimit,
      boolean l1BallEnabled,
      double l1BallRadiusM) {
    ConfigChecks.positive(errors, "initialStdGripper", initialStdGripper);
    pins.check(errors, "pins.", maxNormM, gripperLimit, l1BallEnabled, l1BallRadiusM);
    if (closeGripperFromStep.isPresent() && closeGripperFromStep.getAsInt() < 0) {
      errors.add("closeGripperFromStep must be >= 0, got " + closeGripperFromStep.getAsInt());
    }
  }
}
