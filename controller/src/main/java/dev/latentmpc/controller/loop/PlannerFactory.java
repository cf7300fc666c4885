package dev.latentmpc.controller.loop;

import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.planner.CemPlanner;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Creates the planner of one episode from the episode's seed, so that the same seed, frames and
 * states give the same actions bit for bit.
 */
@FunctionalInterface
public interface PlannerFactory {

  /**
   * Returns a new planner whose random source is seeded with {@code seed}.
   *
   * @param seed the task's seed
   */
  CemPlanner create(long seed);

  /**
   * Returns a factory of CEM planners with {@code config}, a {@link SplittableRandom} seeded per
   * episode and {@code clockNanos} for their iteration timings.
   */
  static PlannerFactory cem(CemConfig config, LongSupplier clockNanos) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clockNanos, "clockNanos");
    return seed -> new CemPlanner(config, new SplittableRandom(seed), clockNanos);
  }
}
