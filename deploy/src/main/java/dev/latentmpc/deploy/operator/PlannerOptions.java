package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.PlannerOverrides;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Per-task planner overrides of {@code operator run}; an option left out keeps the server's default
 * (see {@code operator info}). The server checks the ranges and answers INVALID_ARGUMENT.
 */
final class PlannerOptions {
  @Option(names = "--samples", paramLabel = "N", description = "CEM samples per iteration.")
  Integer samples;

  @Option(names = "--iterations", paramLabel = "N", description = "CEM iterations per step.")
  Integer iterations;

  @Option(names = "--top-k", paramLabel = "N", description = "CEM elites per iteration.")
  Integer topK;

  @Option(names = "--horizon", paramLabel = "N", description = "Planning horizon, steps.")
  Integer horizon;

  @Option(names = "--max-norm-m", paramLabel = "M", description = "Per-axis clip of sampled xyz.")
  Double maxNormM;

  @Option(
      names = "--l1-ball",
      negatable = true,
      description = "Project sampled xyz into the L1 ball (--no-l1-ball: don't).")
  Boolean l1Ball;

  @Option(names = "--l1-radius-m", paramLabel = "M", description = "Radius of that L1 ball.")
  Double l1RadiusM;

  @Option(
      names = "--sampling",
      paramLabel = "KEY=VALUE[,...]",
      description =
          "Sampling hooks of every goal (the public V-JEPA 2 cem's axis and close_gripper):"
              + " gripper-std=S (initial Δgripper spread, default 1), pin-dx/pin-dy/pin-dz=M"
              + " (hold that Δ in metres), pin-dgripper=G (hold Δgripper; negative opens),"
              + " close-from=K (Δgripper 1 from horizon step K; 0 closes every step).")
  String sampling;

  @Option(
      names = "--goal-sampling",
      paramLabel = "GOAL:KEY=VALUE[,...]",
      description =
          "Sampling hooks of one goal (0-based index), over --sampling; repeatable, e.g."
              + " --goal-sampling 0:pin-dgripper=0 --goal-sampling 1:close-from=0.")
  List<String> goalSampling = new ArrayList<>();

  /** Returns the overrides, or empty when no option was given; {@code goals} counts goal ids. */
  Optional<PlannerOverrides> overrides(int goals) {
    PlannerOverrides.Builder b = PlannerOverrides.newBuilder();
    if (samples != null) {
      b.setSamples(nonNegative("--samples", samples));
    }
    if (iterations != null) {
      b.setIterations(nonNegative("--iterations", iterations));
    }
    if (topK != null) {
      b.setTopK(nonNegative("--top-k", topK));
    }
    if (horizon != null) {
      b.setHorizonSteps(nonNegative("--horizon", horizon));
    }
    if (maxNormM != null) {
      b.setMaxNormM(maxNormM);
    }
    if (l1Ball != null) {
      b.setL1BallEnabled(l1Ball);
    }
    if (l1RadiusM != null) {
      b.setL1BallRadiusM(l1RadiusM);
    }
    try {
      if (sampling != null) {
        b.setSampling(SamplingSpec.parse("--sampling", sampling));
      }
      b.addAllSubgoalSampling(SamplingSpec.perGoal("--goal-sampling", goalSampling, goals));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    PlannerOverrides built = b.build();
    return built.equals(PlannerOverrides.getDefaultInstance())
        ? Optional.empty()
        : Optional.of(built);
  }

  private static int nonNegative(String option, int value) {
    if (value < 0) {
      throw new UsageException(option + " must be >= 0, got " + value);
    }
    return value;
  }
}
