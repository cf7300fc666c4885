package dev.latentmpc.controller.loop;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.safety.EnvelopeDecision;
import dev.latentmpc.planner.Plan;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one control step observed, planned, sent and measured.
 *
 * <p>Build one with {@link #moved} or {@link #held}; the canonical constructor is for copies. The
 * action array is copied on the way in and out, so an event is immutable.
 *
 * @param taskId the episode's task
 * @param stepIndex 0-based index of the step in its episode, holds included
 * @param subgoalIndex the goal this step planned towards
 * @param hold why the step did not move; empty when it moved
 * @param plannedAction the plan's first action, 7 values (all zero when no plan was made)
 * @param command the delta sent to the arm; {@link Delta#ZERO} when the step held
 * @param envelope what the safety envelope decided; empty when the step held before reaching it
 * @param energy the plan's elite energy (see {@code dev.latentmpc.planner.Plan#eliteEnergy}); NaN
 *     without a plan
 * @param planIterations CEM iterations that completed
 * @param planIterationNanos duration of each completed CEM iteration on the planner's clock ({@code
 *     dev.latentmpc.planner.Plan#iterationNanos}), {@code planIterations} values
 * @param latencies per-phase durations
 * @param armStateBefore the arm state of the snapshot
 * @param armStateAfter the state the move reached; the snapshot's state when the step held
 * @param armClamped whether the arm itself reported clamping the target (workspace or table)
 * @param frameSequence the snapshot frame's sequence number
 * @param frameCaptureTimeNanos the snapshot frame's capture time on the controller's clock
 * @param frameAgeNanos the frame's age at the snapshot
 * @param subgoalSwitch whether and why the schedule moved to the next goal after this step
 * @param goalDistanceM distance left to the goal after the step, metres, as the task's {@link
 *     SuccessCheck} measured it; empty when it cannot measure one
 */
public record StepEvent(
    String taskId,
    int stepIndex,
    int subgoalIndex,
    Optional<HoldReason> hold,
    float[] plannedAction,
    Delta command,
    Optional<EnvelopeDecision> envelope,
    double energy,
    int planIterations,
    long[] planIterationNanos,
    PhaseLatencies latencies,
    ArmState armStateBefore,
    ArmState armStateAfter,
    boolean armClamped,
    long frameSequence,
    long frameCaptureTimeNanos,
    long frameAgeNanos,
    SubgoalSwitch subgoalSwitch,
    OptionalDouble goalDistanceM) {

  /** Checks that nothing is null and copies the arrays. */
  public StepEvent {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(hold, "hold");
    Objects.requireNonNull(plannedAction, "plannedAction");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(planIterationNanos, "planIterationNanos");
    Objects.requireNonNull(latencies, "latencies");
    Objects.requireNonNull(armStateBefore, "armStateBefore");
    Objects.requireNonNull(armStateAfter, "armStateAfter");
    Objects.requireNonNull(subgoalSwitch, "subgoalSwitch");
    Objects.requireNonNull(goalDistanceM, "goalDistanceM");
    if (plannedAction.length != 7) {
      throw new IllegalArgumentException("a planned action has 7 values");
    }
    if (planIterationNanos.length != planIterations) {
      throw new IllegalArgumentException(
          "planIterationNanos must hold planIterations="
              + planIterations
              + " values, got "
              + planIterationNanos.length);
    }
    plannedAction = plannedAction.clone();
    planIterationNanos = planIterationNanos.clone();
  }

  private static final float[] NO_ACTION = new float[7];
  private static final long[] NO_ITERATIONS = new long[0];

  /**
   * Returns the event of a step that sent a move to the arm; the goal distance is left empty for
   * the success check to fill in.
   *
   * @param plan the plan whose first action the step executed
   * @param decision what the safety envelope made of that action (the command sent)
   * @param result what the move reached, and whether the arm clamped it
   * @param subgoalSwitch whether and why the schedule moved on after this step
   */
  public static StepEvent moved(
      StepStamp stamp,
      Plan plan,
      EnvelopeDecision decision,
      MoveResult result,
      SubgoalSwitch subgoalSwitch) {
    return new StepEvent(
        stamp.taskId(),
        stamp.stepIndex(),
        stamp.subgoalIndex(),
        Optional.empty(),
        plan.firstAction(),
        decision.command(),
        Optional.of(decision),
        plan.eliteEnergy(),
        plan.completedIterations(),
        plan.iterationNanos(),
        stamp.latencies(),
        stamp.armState(),
        result.reached(),
        result.clampedByWorkspace() || result.clampedByTable(),
        stamp.frameSequence(),
        stamp.frameCaptureTimeNanos(),
        stamp.frameAgeNanos(),
        subgoalSwitch,
        OptionalDouble.empty());
  }

  /**
   * Returns the event of a step that did not move: the command is {@link Delta#ZERO}, the arm stays
   * at the snapshot's state and the schedule does not switch.
   *
   * @param reason why the step held
   * @param plan the plan made before holding; empty when the step held before planning
   * @param decision the envelope's rejection; empty when the step held before reaching it
   */
  public static StepEvent held(
      StepStamp stamp,
      HoldReason reason,
      Optional<Plan> plan,
      Optional<EnvelopeDecision> decision) {
    return new StepEvent(
        stamp.taskId(),
        stamp.stepIndex(),
        stamp.subgoalIndex(),
        Optional.of(reason),
        plan.map(Plan::firstAction).orElse(NO_ACTION),
        Delta.ZERO,
        decision,
        plan.map(Plan::eliteEnergy).orElse(Double.NaN),
        plan.map(Plan::completedIterations).orElse(0),
        plan.map(Plan::iterationNanos).orElse(NO_ITERATIONS),
        stamp.latencies(),
        stamp.armState(),
        stamp.armState(),
        false,
        stamp.frameSequence(),
        stamp.frameCaptureTimeNanos(),
        stamp.frameAgeNanos(),
        SubgoalSwitch.NONE,
        OptionalDouble.empty());
  }

  /** Returns a copy of the planned action. */
  @Override
  public float[] plannedAction() {
    return plannedAction.clone();
  }

  /** Returns a copy of the per-iteration CEM durations [ns]. */
  @Override
  public long[] planIterationNanos() {
    return planIterationNanos.clone();
  }

  /** Returns this event with the goal distance a success check measured after the step. */
  public StepEvent withGoalDistanceM(OptionalDouble distanceM) {
    return new StepEvent(
        taskId,
        stepIndex,
        subgoalIndex,
        hold,
        plannedAction,
        command,
        envelope,
        energy,
        planIterations,
        planIterationNanos,
        latencies,
        armStateBefore,
        armStateAfter,
        armClamped,
        frameSequence,
        frameCaptureTimeNanos,
        frameAgeNanos,
        subgoalSwitch,
        distanceM);
  }

  /** Returns whether the step sent a move to the arm. */
  public boolean moved() {
    return hold.isEmpty();
  }

  /** Returns whether the envelope or the arm changed the planned action. */
  public boolean clamped() {
    return armClamped || envelope.map(EnvelopeDecision::isClamped).orElse(false);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StepEvent that
        && taskId.equals(that.taskId)
        && stepIndex == that.stepIndex
        && subgoalIndex == that.subgoalIndex
        && hold.equals(that.hold)
        && Arrays.equals(plannedAction, that.plannedAction)
        && command.equals(that.command)
        && envelope.equals(that.envelope)
        && Double.compare(energy, that.energy) == 0
        && planIterations == that.planIterations
        && Arrays.equals(planIterationNanos, that.planIterationNanos)
        && latencies.equals(that.latencies)
        && armStateBefore.equals(that.armStateBefore)
        && armStateAfter.equals(that.armStateAfter)
        && armClamped == that.armClamped
        && frameSequence == that.frameSequence
        && frameCaptureTimeNanos == that.frameCaptureTimeNanos
        && frameAgeNanos == that.frameAgeNanos
        && subgoalSwitch == that.subgoalSwitch
        && goalDistanceM.equals(that.goalDistanceM);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        taskId,
        stepIndex,
        subgoalIndex,
        hold,
        Arrays.hashCode(plannedAction),
        command,
        envelope,
        energy,
        planIterations,
        Arrays.hashCode(planIterationNanos),
        latencies,
        armStateBefore,
        armStateAfter,
        armClamped,
        frameSequence,
        frameCaptureTimeNanos,
        frameAgeNanos,
        subgoalSwitch,
        goalDistanceM);
  }

  @Override
  public String toString() {
    return "StepEvent[task="
        + taskId
        + ", step="
        + stepIndex
        + ", subgoal="
        + subgoalIndex
        + ", hold="
        + hold.map(Enum::name).orElse("none")
        + ", planned="
        + Arrays.toString(plannedAction)
        + ", command="
        + command
        + ", envelope="
        + envelope.map(d -> d.outcome().name()).orElse("none")
        + ", energy="
        + energy
        + ", latencies="
        + latencies
        + ", switch="
        + subgoalSwitch
        + (goalDistanceM.isPresent() ? ", goalDistanceM=" + goalDistanceM.getAsDouble() : "")
        + "]";
  }
}
