package dev.latentmpc.deploy.config;

import static dev.latentmpc.deploy.config.ConfigKeys.CONTROLLER_GOAL_CACHE;
import static dev.latentmpc.deploy.config.ConfigKeys.CONTROLLER_MAX_CONSECUTIVE_HOLDS;
import static dev.latentmpc.deploy.config.ConfigKeys.CONTROLLER_MAX_FRAME_AGE_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.CONTROLLER_MOVE_TIMEOUT_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.CONTROLLER_PLANNING_BUDGET_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.DIAGNOSTICS_MAX_CONCURRENT;
import static dev.latentmpc.deploy.config.ConfigKeys.DIAGNOSTICS_MAX_PER_PRINCIPAL;
import static dev.latentmpc.deploy.config.ConfigKeys.DIAGNOSTICS_MAX_QUEUED;
import static dev.latentmpc.deploy.config.ConfigKeys.DIAGNOSTICS_MAX_WAIT_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MAX_STEP_AXIS_M;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MAX_STEP_GRIPPER;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MAX_STEP_L1_M;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MAX_STEP_ROTATION_RAD;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MAX_X_M;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MAX_Y_M;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MAX_Z_M;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MIN_X_M;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MIN_Y_M;
import static dev.latentmpc.deploy.config.ConfigKeys.ENVELOPE_MIN_Z_M;
import static dev.latentmpc.deploy.config.ConfigKeys.PLANNER_HORIZON;
import static dev.latentmpc.deploy.config.ConfigKeys.PLANNER_ITERATIONS;
import static dev.latentmpc.deploy.config.ConfigKeys.PLANNER_L1_BALL;
import static dev.latentmpc.deploy.config.ConfigKeys.PLANNER_L1_BALL_RADIUS_M;
import static dev.latentmpc.deploy.config.ConfigKeys.PLANNER_MAX_NORM_M;
import static dev.latentmpc.deploy.config.ConfigKeys.PLANNER_SAMPLES;
import static dev.latentmpc.deploy.config.ConfigKeys.PLANNER_TOP_K;

import dev.latentmpc.controller.admission.DiagnosticsLimits;
import dev.latentmpc.controller.loop.ControllerConfig;
import dev.latentmpc.controller.safety.EnvelopeConfig;
import dev.latentmpc.controller.task.PlannerLimits;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.worldmodel.ModelSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the planner, controller, envelope and diagnostics sections, starting from each module's own
 * defaults ({@link CemConfig#defaults()}, {@link ControllerConfig#defaults()}, {@link
 * EnvelopeConfig#defaults()}) so the service never restates them.
 *
 * <p>The planner starts from the service defaults ({@link PlannerLimits#serviceDefaults()}: the
 * paper's settings with the L1 ball on) and accepts the same ranges as a task's planner overrides
 * ({@link PlannerLimits}). Ranges are checked here per key, so messages name the key the operator
 * wrote; the modules' own constructors then check the cross-field rules (workspace min below max,
 * tolerances that fit one step), and their messages are reported under the section name.
 */
final class TuningReader {
  /** Smallest value accepted where a length must be positive. */
  private static final double TINY = 1e-9;

  private static final int MAX_SAMPLES = (int) PlannerLimits.MAX_SAMPLES;

  private TuningReader() {}

  /** Reads {@code planner.*}; the horizon must be one the bundle exports an energy graph for. */
  static CemConfig planner(SettingsReader r, Optional<ModelSpec> spec) {
    CemConfig d = PlannerLimits.serviceDefaults();
    int samples =
        r.integer(PLANNER_SAMPLES, d.samples(), (int) PlannerLimits.MIN_SAMPLES, MAX_SAMPLES);
    int topK = r.integer(PLANNER_TOP_K, d.topK(), (int) PlannerLimits.MIN_TOP_K, MAX_SAMPLES);
    if (topK > samples) {
      r.error(PLANNER_TOP_K, "must be at most planner.samples (" + samples + ")");
      topK = Math.min(d.topK(), samples);
    }
    int horizon = r.integer(PLANNER_HORIZON, d.horizon(), 1, 64);
    if (spec.isPresent() && spec.get().energyGraph(horizon).isEmpty()) {
      r.error(
          PLANNER_HORIZON,
          "the bundle exports energy graphs for horizons "
              + spec.get().energyHorizons()
              + " only; pick one of them or export the bundle with --horizons");
    }
    CemConfig.Builder b =
        d.toBuilder()
            .samples(samples)
            .topK(topK)
            .horizon(horizon)
            .iterations(
                r.integer(
                    PLANNER_ITERATIONS, d.iterations(), 1, (int) PlannerLimits.MAX_ITERATIONS))
            .l1BallEnabled(r.bool(PLANNER_L1_BALL, d.l1BallEnabled()))
            .l1BallRadiusM(
                r.number(
                    PLANNER_L1_BALL_RADIUS_M, d.l1BallRadiusM(), TINY, PlannerLimits.MAX_STEP_M));
    if (r.raw(PLANNER_MAX_NORM_M).isPresent()) {
      double maxNorm = r.number(PLANNER_MAX_NORM_M, d.maxNormM(), TINY, PlannerLimits.MAX_STEP_M);
      b.maxNormM(maxNorm).initialStdXyzM(maxNorm); // the public code starts the std at maxnorm
    }
    return build(r, "planner", d, b::build);
  }

  /** Reads {@code controller.*}. */
  static ControllerConfig controller(SettingsReader r) {
    ControllerConfig d = ControllerConfig.defaults();
    ControllerConfig.Builder b =
        d.toBuilder()
            .maxFrameAge(r.millis(CONTROLLER_MAX_FRAME_AGE_MS, d.maxFrameAge(), 60_000))
            .moveTimeout(r.millis(CONTROLLER_MOVE_TIMEOUT_MS, d.moveTimeout(), 60_000))
            .planningBudget(r.millis(CONTROLLER_PLANNING_BUDGET_MS, d.planningBudget(), 3_600_000))
            .maxConsecutiveHolds(
                r.integer(CONTROLLER_MAX_CONSECUTIVE_HOLDS, d.maxConsecutiveHolds(), 1, 10_000))
            .goalCacheCapacity(r.integer(CONTROLLER_GOAL_CACHE, d.goalCacheCapacity(), 1, 4_096));
    return build(r, "controller", d, b::build);
  }

  /** Reads {@code envelope.*}. */
  static EnvelopeConfig envelope(SettingsReader r) {
    EnvelopeConfig d = EnvelopeConfig.defaults();
    EnvelopeConfig.Builder b =
        d.toBuilder()
            .maxStepL1M(r.number(ENVELOPE_MAX_STEP_L1_M, d.maxStepL1M(), TINY, 0.5))
            .maxStepAxisM(r.number(ENVELOPE_MAX_STEP_AXIS_M, d.maxStepAxisM(), TINY, 0.5))
            .maxStepRotationRad(
                r.number(ENVELOPE_MAX_STEP_ROTATION_RAD, d.maxStepRotationRad(), 0, Math.PI))
            .maxStepGripper(r.number(ENVELOPE_MAX_STEP_GRIPPER, d.maxStepGripper(), TINY, 1))
            .workspaceX(
                r.number(ENVELOPE_MIN_X_M, d.minXM(), -2, 2),
                r.number(ENVELOPE_MAX_X_M, d.maxXM(), -2, 2))
            .workspaceY(
                r.number(ENVELOPE_MIN_Y_M, d.minYM(), -2, 2),
                r.number(ENVELOPE_MAX_Y_M, d.maxYM(), -2, 2))
            .workspaceZ(
                r.number(ENVELOPE_MIN_Z_M, d.minZM(), -2, 2),
                r.number(ENVELOPE_MAX_Z_M, d.maxZM(), -2, 2));
    return build(r, "envelope", d, b::build);
  }

  /**
   * Reads {@code diagnostics.*}: at most 64 diagnostic calls at once, 1024 waiting, 1024 per
   * caller, 10 minutes of waiting ({@code maxWaitMs} 0: refuse rather than wait).
   */
  static DiagnosticsLimits diagnostics(SettingsReader r) {
    DiagnosticsLimits d = DiagnosticsLimits.DEFAULTS;
    return new DiagnosticsLimits(
        r.integer(DIAGNOSTICS_MAX_CONCURRENT, d.maxConcurrent(), 1, 64),
        r.integer(DIAGNOSTICS_MAX_QUEUED, d.maxQueued(), 0, 1024),
        r.integer(DIAGNOSTICS_MAX_PER_PRINCIPAL, d.maxPerPrincipal(), 1, 1024),
        Duration.ofMillis(
            r.longValue(DIAGNOSTICS_MAX_WAIT_MS, d.maxWait().toMillis(), 0, 600_000)));
  }

  /** Builds with the module's own cross-field checks; on failure reports and returns defaults. */
  private static <T> T build(SettingsReader r, String section, T defaults, Supplier<T> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException e) {
      r.errors().add(section + ": " + e.getMessage());
      return defaults;
    }
  }
}
