package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.PlannerFactory;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.planner.CemPlanner;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Creates each episode's planner with the settings of the task about to start: the runner keeps one
 * {@link dev.latentmpc.controller.loop.EpisodeController} (and its goal-latent cache) per robot
 * while every task may carry its own planner overrides. Only the loop thread calls it, {@link #use}
 * right before {@code EpisodeController.start}.
 */
final class SwitchablePlannerFactory implements PlannerFactory {

  private final LongSupplier clockNanos;
  private volatile CemConfig config;

  SwitchablePlannerFactory(CemConfig initial, LongSupplier clockNanos) {
    this.config = initial;
    this.clockNanos = clockNanos;
  }

  /** Makes later planners use {@code next}. */
  void use(CemConfig next) {
    config = next;
  }

  @Override
  public CemPlanner create(long seed) {
    return new CemPlanner(config, new SplittableRandom(seed), clockNanos);
  }
}
