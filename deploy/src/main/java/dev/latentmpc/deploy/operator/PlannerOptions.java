package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.PlannerOverrides;
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

  /** Returns the overrides, or empty when no option was given. */
  Optional<PlannerOverrides> overrides() {
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
