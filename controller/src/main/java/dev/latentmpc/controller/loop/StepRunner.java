package dev.latentmpc.controller.loop;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.safety.EnvelopeDecision;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.planner.Deadline;
import dev.latentmpc.planner.Plan;
import dev.latentmpc.worldmodel.BoundEnergy;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The phases of one control step: snapshot, encode, plan, envelope, move. Decides holds but not the
 * episode's fate; {@link EpisodeController} does that from the returned event.
 */
final class StepRunner {

  private final ArmIO arm;
  private final CameraIO camera;
  private final WorldModel worldModel;
  private final FramePreprocessor preprocessor;
  private final SafetyEnvelope envelope;
  private final LongSupplier clockNanos;
  private final ControllerConfig config;

  StepRunner(
      ArmIO arm,
      CameraIO camera,
      WorldModel worldModel,
      FramePreprocessor preprocessor,
      SafetyEnvelope envelope,
      LongSupplier clockNanos,
      ControllerConfig config) {
    this.arm = arm;
    this.camera = camera;
    this.worldModel = worldModel;
    this.preprocessor = preprocessor;
    this.envelope = envelope;
    this.clockNanos = clockNanos;
    this.config = config;
  }

  /**
   * Runs one step of {@code episode}; a step that moved advances its schedule.
   *
   * @param cancelled polled before planning and before the move
   */
  StepEvent run(RunningEpisode episode, BooleanSupplier cancelled)
      throws CameraUnavailableException, ArmUnavailableException, TimeoutException {
    StepTimer timer = new StepTimer(clockNanos);
    CameraFrame frame = camera.latest();
    ArmState state = arm.read();
    Snapshot snapshot = new Snapshot(frame, state, timer.endCamera());
    Optional<EnvelopeDecision> rejection = envelope.checkState(state);
    if (rejection.isPresent()) {
      return hold(episode, snapshot, HoldReason.ENVELOPE_REJECTED, null, rejection, timer);
    }
    if (cancelled.getAsBoolean()) {
      return hold(episode, snapshot, HoldReason.CANCELLED, null, Optional.empty(), timer);
    }
    if (snapshot.frameAgeNanos() > config.maxFrameAge().toNanos()) {
      return hold(episode, snapshot, HoldReason.STALE_FRAME, null, Optional.empty(), timer);
    }
    Latent context = worldModel.encode(preprocessor.preprocess(frame.image()));
    Plan plan = plan(episode, context, state, timer.endEncode());
    timer.endPlan();
    if (plan.isHold()) {
      return hold(episode, snapshot, HoldReason.NO_PLAN, plan, Optional.empty(), timer);
    }
    if (cancelled.getAsBoolean()) {
      return hold(episode, snapshot, HoldReason.CANCELLED, plan, Optional.empty(), timer);
    }
    EnvelopeDecision decision = envelope.apply(state, plan.firstAction());
    if (!decision.allowsMove()) {
      return hold(
          episode, snapshot, HoldReason.ENVELOPE_REJECTED, plan, Optional.of(decision), timer);
    }
    MoveResult result = arm.moveDelta(decision.command(), config.moveTimeout());
    timer.endExecute();
    return moved(episode, snapshot, plan, decision, result, timer);
  }

  private Plan plan(RunningEpisode episode, Latent context, ArmState state, long startNanos) {
    float[] stateVector = state.toVector();
    Latent goal = episode.currentGoal();
    Deadline deadline = Deadline.at(clockNanos, startNanos + config.planningBudget().toNanos());
    // Bound once per step: the context, state and goal are uploaded once for all CEM iterations.
    try (BoundEnergy energy = worldModel.bindEnergy(context, stateVector, goal)) {
      return episode
          .planner()
          .plan(energy::energies, deadline, episode.warmStart(), episode.currentSampling());
    }
  }

  private StepEvent moved(
      RunningEpisode episode,
      Snapshot snapshot,
      Plan plan,
      EnvelopeDecision decision,
      MoveResult result,
      StepTimer timer) {
    ScheduleCursor before = episode.cursor();
    ScheduleCursor next = episode.task().schedule().advance(before, plan.eliteEnergy());
    StepEvent event =
        StepEvent.moved(stamp(episode, snapshot, timer), plan, decision, result, next.lastSwitch());
    episode.afterMove(next, plan);
    return event;
  }

  /** Builds the event of a step that did not move; {@code plan} is null when none was made. */
  private StepEvent hold(
      RunningEpisode episode,
      Snapshot snapshot,
      HoldReason reason,
      Plan plan,
      Optional<EnvelopeDecision> decision,
      StepTimer timer) {
    StepEvent event =
        StepEvent.held(
            stamp(episode, snapshot, timer), reason, Optional.ofNullable(plan), decision);
    episode.afterHold();
    return event;
  }

  /** What the step's event carries whether it moved or held; read before the episode advances. */
  private static StepStamp stamp(RunningEpisode episode, Snapshot snapshot, StepTimer timer) {
    return new StepStamp(
        episode.task().taskId(),
        episode.stepsTaken(),
        episode.cursor().goalIndex(),
        snapshot.armState(),
        snapshot.frame().sequence(),
        snapshot.frame().captureTimeNanos(),
        snapshot.frameAgeNanos(),
        timer.latencies());
  }
}
