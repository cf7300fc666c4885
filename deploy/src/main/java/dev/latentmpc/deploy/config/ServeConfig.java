package dev.latentmpc.deploy.config;

import dev.latentmpc.controller.admission.DiagnosticsLimits;
import dev.latentmpc.controller.loop.ControllerConfig;
import dev.latentmpc.controller.safety.EnvelopeConfig;
import dev.latentmpc.planner.CemConfig;
import java.util.Objects;

/**
 * The whole, validated configuration of {@code latent-mpc serve}: immutable, built once by {@link
 * ConfigLoader} from the defaults, a config file and flags.
 *
 * @param api where the operator API listens
 * @param model the model bundle and its runtime
 * @param robot the robot and its arm and camera source
 * @param planner the CEM settings a task uses unless it asks for others
 * @param controller the receding-horizon loop's timing and hold limits
 * @param envelope the safety envelope every command passes through
 * @param goals the goal store's bounds
 * @param diagnostics admission of PlanOnce and EnergyLandscape beside running tasks
 * @param metrics where the Prometheus scrape endpoint listens, if anywhere
 * @param security authentication and TLS of the operator API
 */
public record ServeConfig(
    ApiSettings api,
    ModelSettings model,
    RobotSettings robot,
    CemConfig planner,
    ControllerConfig controller,
    EnvelopeConfig envelope,
    GoalSettings goals,
    DiagnosticsLimits diagnostics,
    MetricsSettings metrics,
    SecuritySettings security) {
  /** Checks that nothing is null. */
  public ServeConfig {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(robot, "robot");
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(goals, "goals");
    Objects.requireNonNull(diagnostics, "diagnostics");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(security, "security");
  }
}
