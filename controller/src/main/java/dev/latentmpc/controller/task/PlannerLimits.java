package dev.latentmpc.controller.task;

import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.planner.SamplingHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The limits within which an operator may change the planner, and the service's planner defaults.
 *
 * <p>Limits: samples 10…4096, iterations 1…50, top_k 2…samples, a horizon the bundle exports,
 * max_norm_m and l1_ball_radius_m in (0, 0.1]. They keep one plan's cost bounded (4096 × 50 energy
 * evaluations at most) and every sampled step within reach of the safety envelope. The sampling
 * hooks' limits are {@link SamplingLimits}'.
 */
public final class PlannerLimits {

  /** Fewest samples per iteration. */
  public static final long MIN_SAMPLES = 10;

  /** Most samples per iteration. */
  public static final long MAX_SAMPLES = 4096;

  /** Most CEM iterations. */
  public static final long MAX_ITERATIONS = 50;

  /** Fewest elites. */
  public static final long MIN_TOP_K = 2;

  /** Largest per-axis bound and L1 radius, metres. */
  public static final double MAX_STEP_M = 0.1;

  /** The paper's L1 ball radius, metres, which the safety envelope's default step bound matches. */
  public static final double L1_BALL_RADIUS_M = 0.075;

  private PlannerLimits() {}

  /**
   * Returns the service's planner defaults: {@link CemConfig#defaults()} (the paper's 800 × 10, top
   * 10, horizon 1, the public code's 0.05 m clip) with the paper's L1 ball of radius 0.075 m
   * enabled, so that plans fit the safety envelope and are rarely clamped.
   */
  public static CemConfig serviceDefaults() {
    return CemConfig.builder().l1BallEnabled(true).l1BallRadiusM(L1_BALL_RADIUS_M).build();
  }

  /**
   * Applies {@code overrides} to {@code defaults}: the CEM settings and the task-wide sampling
   * hooks ({@code field.sampling}); the per-goal hooks are {@link #perGoal}'s.
   *
   * @param exportedHorizons the horizons with an energy graph in the loaded bundle
   * @param field the request field holding the overrides, prefixed to every error
   * @throws TaskException (INVALID) naming every field out of its limits
   */
  public static CemConfig resolve(
      CemConfig defaults,
      PlannerOverrides overrides,
      List<Integer> exportedHorizons,
      String field) {
    List<String> errors = new ArrayList<>();
    long samples = overrides.samples().orElse(defaults.samples());
    check(errors, field + ".samples", samples, MIN_SAMPLES, MAX_SAMPLES);
    long iterations = overrides.iterations().orElse(defaults.iterations());
    check(errors, field + ".iterations", iterations, 1, MAX_ITERATIONS);
    long topK = overrides.topK().orElse(defaults.topK());
    check(errors, field + ".top_k", topK, MIN_TOP_K, Math.max(MIN_TOP_K, samples));
    long horizon = overrides.horizonSteps().orElse(defaults.horizon());
    if (!exportedHorizons.contains((int) Math.min(horizon, Integer.MAX_VALUE))) {
      errors.add(
          field
              + ".horizon_steps must be one of the bundle's exported horizons "
              + exportedHorizons
              + ", got "
              + horizon);
    }
    double maxNormM =
        length(errors, field + ".max_norm_m", overrides.maxNormM(), defaults.maxNormM());
    double radiusM =
        length(
            errors,
            field + ".l1_ball_radius_m",
            overrides.l1BallRadiusM(),
            defaults.l1BallRadiusM());
    if (!errors.isEmpty()) {
      throw invalid(String.join("; ", errors));
    }
    CemConfig.Builder builder =
        defaults.toBuilder()
            .samples((int) samples)
            .iterations((int) iterations)
            .topK((int) topK)
            .horizon((int) horizon)
            .l1BallEnabled(overrides.l1BallEnabled().orElse(defaults.l1BallEnabled()))
            .l1BallRadiusM(radiusM);
    if (overrides.maxNormM().isPresent()) {
      // As in the public cem(): the initial standard deviation follows the clip.
      builder.maxNormM(maxNormM).initialStdXyzM(maxNormM);
    }
    CemConfig config;
    try {
      config = builder.build();
    } catch (IllegalArgumentException e) {
      throw invalid(field + ": " + e.getMessage());
    }
    SamplingHooks sampling =
        SamplingLimits.apply(
            config.sampling(), overrides.sampling(), config, field + ".sampling", errors);
    if (!errors.isEmpty()) {
      throw invalid(String.join("; ", errors));
    }
    return config.toBuilder().sampling(sampling).build();
  }

  /**
   * Returns the sampling hooks of each of {@code goals} goals: {@code resolved}'s (from {@link
   * #resolve}) with each {@code field.subgoal_sampling} entry applied; empty when the request has
   * no entries (every goal plans with {@code resolved.sampling()}).
   *
   * @throws TaskException.Invalid naming every entry and field out of its limits, or a count that
   *     is neither 0 nor {@code goals}
   */
  public static List<SamplingHooks> perGoal(
      CemConfig resolved, PlannerOverrides overrides, int goals, String field) {
    List<String> errors = new ArrayList<>();
    List<SamplingHooks> hooks =
        SamplingLimits.perGoal(
            resolved.sampling(),
            overrides.subgoalSampling(),
            goals,
            resolved,
            field + ".subgoal_sampling",
            errors);
    if (!errors.isEmpty()) {
      throw invalid(String.join("; ", errors));
    }
    return hooks;
  }

  private static void check(List<String> errors, String name, long value, long min, long max) {
    if (value < min || value > max) {
      errors.add(name + " must be in [" + min + ", " + max + "], got " + value);
    }
  }

  private static double length(
      List<String> errors, String name, OptionalDouble value, double fallback) {
    double metres = value.orElse(fallback);
    if (value.isPresent() && !(metres > 0 && metres <= MAX_STEP_M)) {
      errors.add(name + " must be in (0, " + MAX_STEP_M + "] m, got " + metres);
    }
    return metres;
  }

  private static TaskException invalid(String description) {
    return new TaskException(TaskException.Kind.INVALID, description);
  }
}
