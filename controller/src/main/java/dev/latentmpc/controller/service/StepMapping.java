package dev.latentmpc.controller.service;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.PhaseLatencies;
import dev.latentmpc.controller.task.TaskStarted;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.proto.control.v1.EndEffectorDelta;
import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.EnvelopeDecision;
import dev.latentmpc.proto.control.v1.EnvelopeLimit;
import dev.latentmpc.proto.control.v1.EnvelopeOutcome;
import dev.latentmpc.proto.control.v1.HoldReason;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.PlannerSettings;
import dev.latentmpc.proto.control.v1.RejectionReason;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.SubgoalSwitch;
import dev.latentmpc.proto.control.v1.TaskStarted.Builder;
import java.util.Optional;

/** Maps the task stream's domain values (steps, outcomes, states, commands) to protobuf. */
final class StepMapping {

  private static final double NANOS_PER_SECOND = 1e9;

  private StepMapping() {}

  /** Maps a step event, with an optional PNG thumbnail. */
  static StepEvent step(dev.latentmpc.controller.loop.StepEvent e, Optional<byte[]> thumbnailPng) {
    StepEvent.Builder builder =
        StepEvent.newBuilder()
            .setTaskId(e.taskId())
            .setStepIndex(e.stepIndex())
            .setSubgoalIndex(e.subgoalIndex())
            .setHoldReason(
                e.hold().map(StepMapping::hold).orElse(HoldReason.HOLD_REASON_UNSPECIFIED))
            .setCommandSent(e.moved())
            .setCommand(delta(e.command()))
            .setEnvelope(envelope(e.envelope()))
            .setArmClamped(e.armClamped())
            .setEnergy(e.energy())
            .setPlanIterations(e.planIterations())
            .setLatencies(latencies(e.latencies()))
            .setArmStateBefore(state(e.armStateBefore()))
            .setArmStateAfter(state(e.armStateAfter()))
            .setFrameSequence(e.frameSequence())
            .setFrameCaptureTimeNanos(e.frameCaptureTimeNanos())
            .setFrameAgeNanos(e.frameAgeNanos())
            .setSubgoalSwitch(subgoalSwitch(e.subgoalSwitch()));
    for (float value : e.plannedAction()) {
      builder.addPlannedAction(value);
    }
    e.goalDistanceM().ifPresent(builder::setGoalDistanceM);
    thumbnailPng.ifPresent(
        png -> builder.setThumbnailPng(com.google.protobuf.ByteString.copyFrom(png)));
    return builder.build();
  }

  /** Maps an episode outcome. */
  static Outcome outcome(EpisodeOutcome outcome) {
    return Outcome.newBuilder()
        .setTaskId(outcome.taskId())
        .setStatus(
            switch (outcome.status()) {
              case SUCCEEDED -> OutcomeStatus.OUTCOME_STATUS_SUCCEEDED;
              case COMPLETED -> OutcomeStatus.OUTCOME_STATUS_COMPLETED;
              case CANCELLED -> OutcomeStatus.OUTCOME_STATUS_CANCELLED;
              case FAILED -> OutcomeStatus.OUTCOME_STATUS_FAILED;
            })
        .setReason(outcome.reason().orElse(""))
        .setSteps(outcome.steps())
        .setSubgoalIndex(outcome.subgoalIndex())
        .setDurationSeconds(outcome.durationNanos() / NANOS_PER_SECOND)
        .build();
  }

  /** Maps the resolved task reported first on the stream. */
  static dev.latentmpc.proto.control.v1.TaskStarted started(TaskStarted started) {
    Builder builder =
        dev.latentmpc.proto.control.v1.TaskStarted.newBuilder()
            .setTaskId(started.taskId())
            .setRobotId(started.robotId())
            .setSeed(started.seed())
            .setPlanner(
                planner(started.planner()).toBuilder()
                    .addAllSubgoalSampling(
                        started.goalSampling().stream().map(SamplingMapping::hooks).toList()))
            .setPreemptedTaskId(started.preemptedTaskId().orElse(""));
    started.schedule().maxStepsPerGoal().forEach(builder::addMaxStepsPerGoal);
    started.schedule().energyThreshold().ifPresent(builder::setEnergyThreshold);
    return builder.build();
  }

  /** Maps planner settings. */
  static PlannerSettings planner(CemConfig config) {
    return PlannerSettings.newBuilder()
        .setSamples(config.samples())
        .setIterations(config.iterations())
        .setTopK(config.topK())
        .setHorizonSteps(config.horizon())
        .setMaxNormM(config.maxNormM())
        .setL1BallEnabled(config.l1BallEnabled())
        .setL1BallRadiusM(config.l1BallRadiusM())
        .setSampling(SamplingMapping.hooks(config.sampling()))
        .build();
  }

  /** Maps an arm state (its timestamp is not part of the API state). */
  static EndEffectorState state(ArmState s) {
    return EndEffectorState.newBuilder()
        .setXM(s.xM())
        .setYM(s.yM())
        .setZM(s.zM())
        .setRollRad(s.rollRad())
        .setPitchRad(s.pitchRad())
        .setYawRad(s.yawRad())
        .setGripperClosedness(s.gripperClosedness())
        .build();
  }

  /** Maps a command. */
  static EndEffectorDelta delta(Delta d) {
    return EndEffectorDelta.newBuilder()
        .setDxM(d.dxM())
        .setDyM(d.dyM())
        .setDzM(d.dzM())
        .setDrollRad(d.dRollRad())
        .setDpitchRad(d.dPitchRad())
        .setDyawRad(d.dYawRad())
        .setDgripper(d.dGripper())
        .build();
  }

  /** Maps an envelope decision; empty maps to outcome UNSPECIFIED. */
  static EnvelopeDecision envelope(Optional<dev.latentmpc.controller.safety.EnvelopeDecision> d) {
    EnvelopeDecision.Builder builder = EnvelopeDecision.newBuilder();
    if (d.isEmpty()) {
      return builder.build();
    }
    builder.setOutcome(EnvelopeOutcome.valueOf("ENVELOPE_OUTCOME_" + d.get().outcome().name()));
    d.get().clampedBy().stream()
        .sorted()
        .forEach(
            limit -> builder.addClampedBy(EnvelopeLimit.valueOf("ENVELOPE_LIMIT_" + limit.name())));
    d.get()
        .rejection()
        .ifPresent(
            r -> builder.setRejection(RejectionReason.valueOf("REJECTION_REASON_" + r.name())));
    return builder.build();
  }

  private static HoldReason hold(dev.latentmpc.controller.loop.HoldReason reason) {
    return HoldReason.valueOf("HOLD_REASON_" + reason.name());
  }

  private static SubgoalSwitch subgoalSwitch(dev.latentmpc.controller.loop.SubgoalSwitch s) {
    return SubgoalSwitch.valueOf("SUBGOAL_SWITCH_" + s.name());
  }

  private static dev.latentmpc.proto.control.v1.PhaseLatencies latencies(PhaseLatencies l) {
    return dev.latentmpc.proto.control.v1.PhaseLatencies.newBuilder()
        .setCameraSeconds(l.cameraNanos() / NANOS_PER_SECOND)
        .setEncodeSeconds(l.encodeNanos() / NANOS_PER_SECOND)
        .setPlanSeconds(l.planNanos() / NANOS_PER_SECOND)
        .setExecuteSeconds(l.executeNanos() / NANOS_PER_SECOND)
        .setTotalSeconds(l.totalNanos() / NANOS_PER_SECOND)
        .build();
  }
}
