package dev.latentmpc.controller.service.probe;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.loop.GoalCache;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.planner.CemPlanner;
import dev.latentmpc.planner.Deadline;
import dev.latentmpc.planner.Plan;
import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Status;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs the world model and the planner on a frame, a state and a goal given by the caller, without
 * any arm: nothing moves. Thread-safe (the world model is; goal latents are cached).
 */
public final class PlanningProbe {

  private static final int GOAL_CACHE_CAPACITY = 16;

  private final WorldModel worldModel;
  private final FramePreprocessor preprocessor;
  private final SafetyEnvelope envelope;
  private final LongSupplier clockNanos;
  private final GoalCache goals;

  /**
   * Creates a probe.
   *
   * @param worldModel encodes and scores (shared with the task runners)
   * @param preprocessor turns images into encoder clips
   * @param envelope reports what would be sent from the given state
   * @param clockNanos monotonic clock for timings and deadlines
   */
  public PlanningProbe(
      WorldModel worldModel,
      FramePreprocessor preprocessor,
      SafetyEnvelope envelope,
      LongSupplier clockNanos) {
    this.worldModel = Objects.requireNonNull(worldModel, "worldModel");
    this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
    this.envelope = Objects.requireNonNull(envelope, "envelope");
    this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
    goals = new GoalCache(worldModel, preprocessor, GOAL_CACHE_CAPACITY);
  }

  /**
   * Plans one action from {@code frame} and {@code state} towards {@code goal}.
   *
   * @param planner validated settings (see {@code PlannerLimits.resolve})
   * @param seed seeds the planner's random source
   * @param budgetNanos time from now after which no CEM iteration starts (the call's deadline);
   *     empty for none
   * @param beforeModelCall runs before each world-model call (encoding, each CEM iteration's
   *     batch); it may block (yield to a running task) or throw to abandon the call
   * @throws io.grpc.StatusRuntimeException {@code DEADLINE_EXCEEDED} if no iteration completed
   */
  public PlanOnceResult planOnce(
      RgbImage frame,
      ArmState state,
      RgbImage goal,
      CemConfig planner,
      long seed,
      OptionalLong budgetNanos,
      Runnable beforeModelCall) {
    long startNanos = clockNanos.getAsLong();
    Deadline deadline =
        budgetNanos.isPresent()
            ? Deadline.at(clockNanos, startNanos + budgetNanos.getAsLong())
            : Deadline.none();
    beforeModelCall.run();
    Latent context = worldModel.encode(preprocessor.preprocess(frame));
    beforeModelCall.run();
    Latent goalLatent = goals.latentsFor(List.of(goal)).get(0);
    long encodedNanos = clockNanos.getAsLong();
    float[] stateVector = state.toVector();
    CemPlanner cem = new CemPlanner(planner, new SplittableRandom(seed), clockNanos);
    Plan plan =
        cem.plan(
            batch -> {
              beforeModelCall.run();
              return worldModel.energies(context, stateVector, goalLatent, batch);
            },
            deadline);
    long plannedNanos = clockNanos.getAsLong();
    if (plan.isHold()) {
      throw Status.DEADLINE_EXCEEDED
          .withDescription("the deadline passed before one CEM iteration completed")
          .asRuntimeException();
    }
    return new PlanOnceResult(
        plan.firstAction(),
        plan.eliteEnergy(),
        plan.completedIterations(),
        envelope.apply(state, plan.firstAction()),
        encodedNanos - startNanos,
        plannedNanos - encodedNanos,
        planner);
  }

  /**
   * Evaluates the horizon-1 energy of every action {@code [Δx, Δy, 0, 0, 0, 0, 0]} of {@code grid},
   * one world-model batch per row.
   *
   * @param cancelled polled before each row
   * @param beforeModelCall runs before each world-model call (encoding, each row); it may block
   *     (yield to a running task) or throw to abandon the call
   * @throws io.grpc.StatusRuntimeException {@code FAILED_PRECONDITION} if the bundle exports no
   *     horizon-1 energy graph
   * @throws CancellationException if {@code cancelled} turned true
   */
  public Landscape landscape(
      RgbImage frame,
      ArmState state,
      RgbImage goal,
      GridSpec grid,
      BooleanSupplier cancelled,
      Runnable beforeModelCall) {
    if (worldModel.spec().energyGraph(1).isEmpty()) {
      throw Status.FAILED_PRECONDITION
          .withDescription(
              "the bundle exports no horizon-1 energy graph; horizons: "
                  + worldModel.spec().energyHorizons())
          .asRuntimeException();
    }
    beforeModelCall.run();
    Latent context = worldModel.encode(preprocessor.preprocess(frame));
    beforeModelCall.run();
    Latent goalLatent = goals.latentsFor(List.of(goal)).get(0);
    float[] stateVector = state.toVector();
    double[] dx = grid.dxValuesM();
    double[] dy = grid.dyValuesM();
    float[] energies = new float[dx.length * dy.length];
    long startNanos = clockNanos.getAsLong();
    for (int row = 0; row < dy.length; row++) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("cancelled after " + row + " of " + dy.length + " rows");
      }
      beforeModelCall.run();
      float[] rowEnergies =
          worldModel.energies(context, stateVector, goalLatent, rowBatch(dx, dy[row]));
      System.arraycopy(rowEnergies, 0, energies, row * dx.length, dx.length);
    }
    return Landscape.of(dx, dy, energies, clockNanos.getAsLong() - startNanos);
  }

  private static ActionBatch rowBatch(double[] dx, double dy) {
    float[] values = new float[dx.length * ActionBatch.ACTION_DIM];
    for (int column = 0; column < dx.length; column++) {
      values[column * ActionBatch.ACTION_DIM] = (float) dx[column];
      values[column * ActionBatch.ACTION_DIM + 1] = (float) dy;
    }
    return new ActionBatch(dx.length, 1, values);
  }
}
