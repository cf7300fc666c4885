package dev.latentmpc.controller.loop;

import dev.latentmpc.controller.arm.ArmState;
import java.util.Objects;

/**
 * What every step event carries whether the step moved or held: which step of which task, the
 * snapshot it computed from, and how long its phases took.
 *
 * @param taskId the episode's task
 * @param stepIndex 0-based index of the step in its episode, holds included
 * @param subgoalIndex the goal this step planned towards
 * @param armState the arm state of the snapshot
 * @param frameSequence the snapshot frame's sequence number
 * @param frameCaptureTimeNanos the snapshot frame's capture time on the controller's clock
 * @param frameAgeNanos the frame's age at the snapshot
 * @param latencies per-phase durations
 */
public record StepStamp(
    String taskId,
    int stepIndex,
    int subgoalIndex,
    ArmState armState,
    long frameSequence,
    long frameCaptureTimeNanos,
    long frameAgeNanos,
    PhaseLatencies latencies) {

  /** Checks that nothing is null. */
  public StepStamp {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(armState, "armState");
    Objects.requireNonNull(latencies, "latencies");
  }
}
