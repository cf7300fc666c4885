package dev.latentmpc.controller.loop;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.planner.CemPlanner;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receding-horizon controller of one arm, driven one tick at a time: {@link #start}, then
 * {@link #step()} until {@link #isDone()}, then always {@link #end}.
 *
 * <p>Each step takes one snapshot (the camera's latest frame, the arm state, the clock), encodes
 * the frame, plans with CEM against the current sub-goal's latent until the planning deadline,
 * bounds the plan's first action with the {@link SafetyEnvelope} and executes it as one blocking
 * move. A stale frame, a plan that completed no iteration or a cancellation holds instead (no
 * move); {@code maxConsecutiveHolds} holds in a row, or an envelope rejection of the arm state,
 * fail the episode. After every step the task's {@link SuccessCheck} is asked whether the task has
 * succeeded (a moved step that it reports succeeded ends the episode as such) and how far the goal
 * is; that distance goes into the step's event. A fault (camera, arm, move timeout, model) stops
 * the arm at once, ends the episode as failed and is thrown as {@link EpisodeFailedException}.
 *
 * <p>One owner: the controller runs one episode at a time, and {@link #end} always tells the arm to
 * stop, whatever happened before. Apart from {@link #requestCancel()}, which any thread may call,
 * every method must be called from the one loop thread. Time comes only from the injected clock and
 * randomness only from the task's seed, so a step is reproducible.
 */
public final class EpisodeController {
  private static final Logger log = LoggerFactory.getLogger(EpisodeController.class);

  private final ArmIO arm;
  private final WorldModel worldModel;
  private final PlannerFactory plannerFactory;
  private final LongSupplier clockNanos;
  private final ControllerConfig config;
  private final GoalCache goalCache;
  private final StepRunner runner;
  private RunningEpisode episode;
  private EpisodeOutcome lastOutcome;
  private volatile boolean cancelRequested;

  /**
   * Creates an idle controller.
   *
   * @param arm the arm this controller owns
   * @param camera the camera observing the scene
   * @param worldModel encodes frames and goals and scores plans
   * @param preprocessor turns camera frames and goal images into encoder clips
   * @param plannerFactory creates each episode's planner from its seed
   * @param envelope bounds every command
   * @param clockNanos monotonic clock, the same one the camera stamps frames with
   * @param config loop settings
   */
  public EpisodeController(
      ArmIO arm,
      CameraIO camera,
      WorldModel worldModel,
      FramePreprocessor preprocessor,
      PlannerFactory plannerFactory,
      SafetyEnvelope envelope,
      LongSupplier clockNanos,
      ControllerConfig config) {
    this.arm = Objects.requireNonNull(arm, "arm");
    this.worldModel = Objects.requireNonNull(worldModel, "worldModel");
    this.plannerFactory = Objects.requireNonNull(plannerFactory, "plannerFactory");
    this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
    this.config = Objects.requireNonNull(config, "config");
    goalCache = new GoalCache(worldModel, preprocessor, config.goalCacheCapacity());
    runner =
        new StepRunner(
            arm,
            Objects.requireNonNull(camera, "camera"),
            worldModel,
            preprocessor,
            Objects.requireNonNull(envelope, "envelope"),
            clockNanos,
            config);
  }

  /**
   * Starts an episode: creates its planner from the seed and encodes (or finds cached) its goals.
   * Nothing moves.
   *
   * @throws IllegalStateException if an episode is active (not yet ended)
   * @throws IllegalArgumentException if the planner's horizon has no energy graph in the bundle
   */
  public void start(TaskSpec task) {
    Objects.requireNonNull(task, "task");
    if (episode != null) {
      throw new IllegalStateException(
          "task '" + episode.task().taskId() + "' is still active; end it before starting another");
    }
    CemPlanner planner = plannerFactory.create(task.seed());
    int horizon = planner.config().horizon();
    if (worldModel.spec().energyGraph(horizon).isEmpty()) {
      throw new IllegalArgumentException(
          "the planner's horizon "
              + horizon
              + " has no energy graph in bundle '"
              + worldModel.spec().name()
              + "'; exported horizons: "
              + worldModel.spec().energyHorizons());
    }
    List<Latent> goals = goalCache.latentsFor(task.goalImages());
    cancelRequested = false;
    episode = new RunningEpisode(task, goals, planner, clockNanos.getAsLong());
    log.info(
        "task '{}' started: {} goals, step limits {}, energy threshold {}, seed {}",
        task.taskId(),
        goals.size(),
        task.schedule().maxStepsPerGoal(),
        task.schedule().energyThreshold(),
        task.seed());
  }

  /**
   * Runs one control step of the active episode.
   *
   * @return what the step observed, planned and sent
   * @throws IllegalStateException if no episode is active or it is done
   * @throws EpisodeFailedException on a fault; the arm has been told to stop and the episode is
   *     failed
   */
  public StepEvent step() {
    RunningEpisode active = episode;
    if (active == null || active.isDone()) {
      throw new IllegalStateException(
          active == null ? "no episode is active" : "the episode is done; call end()");
    }
    StepEvent event;
    try {
      StepEvent taken = runner.run(active, () -> cancelRequested);
      GoalProgress progress = active.task().successCheck().assess(taken);
      event = taken.withGoalDistanceM(progress.distanceM());
      conclude(active, event, progress);
    } catch (Exception e) {
      throw fail(active, e);
    }
    log.debug("{}", event);
    return event;
  }

  /** Returns whether the active episode has finished; true when none is active. */
  public boolean isDone() {
    return episode == null || episode.isDone();
  }

  /**
   * Ends the episode and stops the arm; always call it, also after a failure. Ending when no
   * episode is active still stops the arm (and returns a {@code CANCELLED} outcome for task id
   * {@code "none"}).
   *
   * @param interrupted whether the episode is being ended early (a new task, a cancelled stream)
   * @return the outcome: the one the episode finished with, else {@code CANCELLED}; {@code FAILED}
   *     if the arm could not be stopped
   */
  public EpisodeOutcome end(boolean interrupted) {
    RunningEpisode ending = episode;
    episode = null;
    EpisodeOutcome outcome;
    long nowNanos = clockNanos.getAsLong();
    if (ending == null) {
      outcome =
          new EpisodeOutcome("none", EpisodeStatus.CANCELLED, Optional.of("no episode"), 0, 0, 0);
    } else {
      String reason = interrupted ? "interrupted" : "ended before its schedule finished";
      outcome = ending.finish(EpisodeStatus.CANCELLED, reason, nowNanos);
    }
    Optional<String> stopFailure = stopArm();
    if (stopFailure.isPresent()) {
      outcome = outcome.withStopFailure(stopFailure.get());
    }
    if (ending != null) {
      lastOutcome = outcome;
      log.info("task '{}' ended: {}", outcome.taskId(), outcome);
    }
    return outcome;
  }

  /**
   * Asks the active episode to stop before its next move; safe from any thread. The loop thread
   * sees it at its next check (before planning or before the move), holds and finishes the episode
   * as cancelled; it still calls {@link #end}.
   */
  public void requestCancel() {
    cancelRequested = true;
  }

  /** Returns the active episode's outcome if it has finished, else the last ended one's. */
  public Optional<EpisodeOutcome> outcome() {
    return episode != null ? episode.outcome() : Optional.ofNullable(lastOutcome);
  }

  /** Returns the active episode's task identifier, empty when idle. */
  public Optional<String> activeTaskId() {
    return Optional.ofNullable(episode).map(e -> e.task().taskId());
  }

  /** Returns the cache of goal latents, shared by this controller's episodes. */
  public GoalCache goalCache() {
    return goalCache;
  }

  /** Decides the episode's fate after a step; only a step that moved can succeed. */
  private void conclude(RunningEpisode active, StepEvent event, GoalProgress progress) {
    long nowNanos = clockNanos.getAsLong();
    if (event.hold().isPresent()) {
      concludeHold(active, event, nowNanos);
      return;
    }
    if (event.subgoalSwitch() != SubgoalSwitch.NONE) {
      log.info(
          "task '{}': sub-goal {} done after step {} ({})",
          event.taskId(),
          event.subgoalIndex(),
          event.stepIndex(),
          event.subgoalSwitch());
    }
    if (progress.succeeded()) {
      active.finish(EpisodeStatus.SUCCEEDED, null, nowNanos);
    } else if (active.cursor().finished()) {
      active.finish(EpisodeStatus.COMPLETED, null, nowNanos);
    }
  }

  private void concludeHold(RunningEpisode active, StepEvent event, long nowNanos) {
    HoldReason reason = event.hold().orElseThrow();
    log.warn("task '{}' step {} held: {}", event.taskId(), event.stepIndex(), reason);
    switch (reason) {
      case ENVELOPE_REJECTED ->
          active.finish(
              EpisodeStatus.FAILED,
              "safety envelope: " + event.envelope().map(d -> d.message()).orElse("rejected"),
              nowNanos);
      case CANCELLED -> active.finish(EpisodeStatus.CANCELLED, "cancel requested", nowNanos);
      case STALE_FRAME, NO_PLAN -> {
        if (active.consecutiveHolds() >= config.maxConsecutiveHolds()) {
          String why = active.consecutiveHolds() + " steps in a row held (last: " + reason + ")";
          active.finish(EpisodeStatus.FAILED, why, nowNanos);
        }
      }
    }
    if (active.isDone()) {
      stopArm();
    }
  }

  private EpisodeFailedException fail(RunningEpisode active, Exception fault) {
    String reason = EpisodeFailedException.describe(fault);
    Optional<String> stopFailure = stopArm();
    EpisodeOutcome outcome = active.finish(EpisodeStatus.FAILED, reason, clockNanos.getAsLong());
    log.error("task '{}' failed: {}", active.task().taskId(), reason, fault);
    stopFailure.ifPresent(why -> log.error("and the arm could not be stopped: {}", why));
    return new EpisodeFailedException(outcome, fault);
  }

  /** Tells the arm to stop; returns why that failed, if it did. Never throws. */
  private Optional<String> stopArm() {
    try {
      arm.stop();
      return Optional.empty();
    } catch (ArmUnavailableException | RuntimeException e) {
      log.error("stopping the arm failed", e);
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }
}
