package dev.latentmpc.simharness.arm;

import dev.latentmpc.controller.arm.MoveResult;
import java.time.Duration;

/**
 * What one simulated move achieved.
 *
 * @param reached the state at the end of the motion
 * @param durationSeconds simulated time the motion took
 * @param clampedByWorkspace the target was moved into the workspace box
 * @param clampedByTable the target was lifted so the hand (and a held object) clears the table
 * @param stoppedEarly the path became unreachable (IK) or would have touched the table, and the arm
 *     stopped at the last valid point
 * @param timedOut the motion was cut off by a time limit or a stop before it finished
 */
public record MoveOutcome(
    EeState reached,
    double durationSeconds,
    boolean clampedByWorkspace,
    boolean clampedByTable,
    boolean stoppedEarly,
    boolean timedOut) {

  /** This outcome as the controller's {@link MoveResult}, the state stamped at the given time. */
  public MoveResult toMoveResult(long timestampNanos) {
    return new MoveResult(
        reached.toArmState(timestampNanos),
        clampedByWorkspace,
        clampedByTable,
        Duration.ofNanos(Math.round(durationSeconds * 1e9)));
  }
}
