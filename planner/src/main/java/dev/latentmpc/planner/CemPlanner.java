package dev.latentmpc.planner;

import dev.latentmpc.worldmodel.ActionBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Plans end-effector action sequences with the cross-entropy method (CEM) of V-JEPA 2-AC; see the
 * {@linkplain dev.latentmpc.planner package documentation} for the algorithm and its sources.
 *
 * <p>The random source and the clock are injected: with the same seed, configuration, energies and
 * sequence of calls, plans are identical bit for bit. The planner reuses its sample buffers and the
 * {@link ActionBatch} it hands to the energy function from call to call, so it allocates nothing
 * per sample; it is therefore not thread-safe, and is meant to be owned by one control loop.
 */
public final class CemPlanner {

  private static final int DIM = ActionConstraints.SAMPLED_DIM;
  private static final int ROTATION = 3;

  private final CemConfig config;
  private final RandomGenerator random;
  private final LongSupplier clockNanos;
  private final SamplingDistribution distribution;
  private final EliteSelector elites;
  private final float[] sampled;
  private final ActionBatch batch;

  /**
   * Creates a planner.
   *
   * @param config the CEM settings
   * @param random the random source, seeded for reproducible plans, e.g. {@code new
   *     SplittableRandom(seed)} or {@code RandomGenerator.of("L64X128MixRandom")} from a seeded
   *     factory
   * @param clockNanos monotonic clock for the per-iteration timings, e.g. {@code System::nanoTime}
   */
  public CemPlanner(CemConfig config, RandomGenerator random, LongSupplier clockNanos) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
    this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
    distribution = new SamplingDistribution(config, new ActionConstraints(config));
    elites = new EliteSelector(config.topK());
    sampled = new float[config.samples() * config.horizon() * DIM];
    int actions = config.samples() * config.horizon();
    batch =
        new ActionBatch(
            config.samples(), config.horizon(), new float[actions * ActionBatch.ACTION_DIM]);
  }

  /** Returns the settings this planner was created with. */
  public CemConfig config() {
    return config;
  }

  /** Plans from a cold start; see {@link #plan(EnergyFunction, Deadline, Optional)}. */
  public Plan plan(EnergyFunction energy, Deadline deadline) {
    return plan(energy, deadline, Optional.empty());
  }

  /**
   * Runs up to {@link CemConfig#iterations()} CEM iterations and returns the resulting mean.
   *
   * <p>The deadline is checked before each iteration; an iteration that has started always
   * completes, so a plan can end up to one iteration after the deadline. With no iteration
   * completed (the deadline had passed already) the result is the {@linkplain Plan#hold hold plan}.
   *
   * @param energy scores the sampled sequences; see {@link EnergyFunction} for its contract
   * @param deadline when to stop starting iterations
   * @param warmStart the previous step's plan, whose actions shifted by one step become the initial
   *     mean (standard deviations start as usual); empty for the cold start (mean zero). With
   *     horizon 1 the shifted plan is all zeros, so a warm start equals the cold start.
   * @throws IllegalStateException if the energy function returns the wrong number of energies
   */
  public Plan plan(EnergyFunction energy, Deadline deadline, Optional<Plan> warmStart) {
    return plan(energy, deadline, warmStart, config.sampling());
  }

  /**
   * Plans as {@link #plan(EnergyFunction, Deadline, Optional)} does, with other sampling hooks than
   * the configuration's for this plan only (a sub-goal's gripper spread, pins or closing step).
   *
   * @param hooks the gripper spread, pinned components and closing step of this plan
   * @throws IllegalArgumentException if a hook does not fit this planner's configuration (see
   *     {@link SamplingHooks#problems}); nothing is planned
   */
  public Plan plan(
      EnergyFunction energy, Deadline deadline, Optional<Plan> warmStart, SamplingHooks hooks) {
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(warmStart, "warmStart");
    Objects.requireNonNull(hooks, "hooks");
    List<String> problems = hooks.problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid SamplingHooks: " + String.join("; ", problems));
    }
    distribution.reset(warmStart.orElse(null), hooks);
    long[] iterationNanos = new long[config.iterations()];
    int completed = 0;
    long nonFiniteEnergies = 0;
    while (completed < config.iterations() && !deadline.isExpired()) {
      long startNanos = clockNanos.getAsLong();
      nonFiniteEnergies += iterate(energy);
      iterationNanos[completed++] = clockNanos.getAsLong() - startNanos;
    }
    boolean deadlineReached = completed < config.iterations();
    if (completed == 0) {
      return Plan.hold(config.horizon(), deadlineReached);
    }
    return new Plan(
        distribution.meanActions(),
        elites.meanEnergy(),
        completed,
        deadlineReached,
        Arrays.copyOf(iterationNanos, completed),
        nonFiniteEnergies);
  }

  /** Samples, evaluates and refits once; returns the number of non-finite energies. */
  private int iterate(EnergyFunction energy) {
    distribution.sample(random, sampled);
    fillBatch();
    float[] energies = energy.energies(batch);
    if (energies == null || energies.length != config.samples()) {
      throw new IllegalStateException(
          "energy function returned "
              + (energies == null ? "null" : energies.length + " energies")
              + " for "
              + config.samples()
              + " samples");
    }
    int nonFinite = elites.select(energies);
    distribution.update(sampled, elites);
    return nonFinite;
  }

  /**
   * Copies the samples into the 7-D batch. Rotations are rewritten as zeros every time, so an
   * energy function that wrongly modifies the batch cannot change what is sampled or refitted.
   */
  private void fillBatch() {
    float[] values = batch.values();
    int to = 0;
    for (int from = 0; from < sampled.length; from += DIM) {
      values[to] = sampled[from];
      values[to + 1] = sampled[from + 1];
      values[to + 2] = sampled[from + 2];
      values[to + ROTATION] = 0f;
      values[to + ROTATION + 1] = 0f;
      values[to + ROTATION + 2] = 0f;
      values[to + ActionBatch.ACTION_DIM - 1] = sampled[from + 3];
      to += ActionBatch.ACTION_DIM;
    }
  }
}
