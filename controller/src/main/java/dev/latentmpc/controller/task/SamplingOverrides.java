package dev.latentmpc.controller.task;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Per-request changes to the planner's sampling hooks (the public code's pins and gripper closing,
 * and the gripper's initial spread); an empty field keeps what applies without it. The closing step
 * is a long so that an unsigned protobuf value arrives unmangled and is rejected by {@link
 * SamplingLimits}.
 *
 * @param initialStdGripper initial standard deviation of the sampled Δgripper
 * @param pinDxM Δx held in every sample, metres
 * @param pinDyM Δy held in every sample, metres
 * @param pinDzM Δz held in every sample, metres
 * @param pinDGripper Δgripper held in every sample
 * @param closeGripperFromStep the first horizon step whose Δgripper is 1 in every sample
 */
public record SamplingOverrides(
    OptionalDouble initialStdGripper,
    OptionalDouble pinDxM,
    OptionalDouble pinDyM,
    OptionalDouble pinDzM,
    OptionalDouble pinDGripper,
    OptionalLong closeGripperFromStep) {

  /** No changes. */
  public static final SamplingOverrides NONE =
      new SamplingOverrides(
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalLong.empty());

  /** Checks that nothing is null. */
  public SamplingOverrides {
    Objects.requireNonNull(initialStdGripper, "initialStdGripper");
    Objects.requireNonNull(pinDxM, "pinDxM");
    Objects.requireNonNull(pinDyM, "pinDyM");
    Objects.requireNonNull(pinDzM, "pinDzM");
    Objects.requireNonNull(pinDGripper, "pinDGripper");
    Objects.requireNonNull(closeGripperFromStep, "closeGripperFromStep");
  }
}
