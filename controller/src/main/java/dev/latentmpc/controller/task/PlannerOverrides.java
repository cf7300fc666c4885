package dev.latentmpc.controller.task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Per-request changes to the planner defaults; an empty field keeps the default. Counts are longs
 * so that unsigned protobuf values arrive unmangled and are rejected by {@link PlannerLimits}.
 *
 * @param samples samples per iteration
 * @param iterations CEM iterations
 * @param topK elites per iteration
 * @param horizonSteps planning horizon, control steps
 * @param maxNormM per-axis bound on sampled Δxyz, metres
 * @param l1BallEnabled whether sampled Δxyz are projected into the L1 ball
 * @param l1BallRadiusM that ball's radius, metres
 * @param sampling the sampling hooks of every goal
 * @param subgoalSampling per goal, in goal order, applied over {@code sampling}; empty for none
 */
public record PlannerOverrides(
    OptionalLong samples,
    OptionalLong iterations,
    OptionalLong topK,
    OptionalLong horizonSteps,
    OptionalDouble maxNormM,
    Optional<Boolean> l1BallEnabled,
    OptionalDouble l1BallRadiusM,
    SamplingOverrides sampling,
    List<SamplingOverrides> subgoalSampling) {

  /** No overrides. */
  public static final PlannerOverrides NONE =
      new PlannerOverrides(
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalDouble.empty(),
          Optional.empty(),
          OptionalDouble.empty(),
          SamplingOverrides.NONE,
          List.of());

  /** Checks that nothing is null and copies the per-goal list. */
  public PlannerOverrides {
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(iterations, "iterations");
    Objects.requireNonNull(topK, "topK");
    Objects.requireNonNull(horizonSteps, "horizonSteps");
    Objects.requireNonNull(maxNormM, "maxNormM");
    Objects.requireNonNull(l1BallEnabled, "l1BallEnabled");
    Objects.requireNonNull(l1BallRadiusM, "l1BallRadiusM");
    Objects.requireNonNull(sampling, "sampling");
    subgoalSampling = List.copyOf(subgoalSampling);
  }
}
