package dev.latentmpc.controller.task;

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
 */
public record PlannerOverrides(
    OptionalLong samples,
    OptionalLong iterations,
    OptionalLong topK,
    OptionalLong horizonSteps,
    OptionalDouble maxNormM,
    Optional<Boolean> l1BallEnabled,
    OptionalDouble l1BallRadiusM) {

  /** No overrides. */
  public static final PlannerOverrides NONE =
      new PlannerOverrides(
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalDouble.empty(),
          Optional.empty(),
          OptionalDouble.empty());

  /** Checks that nothing is null. */
  public PlannerOverrides {
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(iterations, "iterations");
    Objects.requireNonNull(topK, "topK");
    Objects.requireNonNull(horizonSteps, "horizonSteps");
    Objects.requireNonNull(maxNormM, "maxNormM");
    Objects.requireNonNull(l1BallEnabled, "l1BallEnabled");
    Objects.requireNonNull(l1BallRadiusM, "l1BallRadiusM");
  }
}
