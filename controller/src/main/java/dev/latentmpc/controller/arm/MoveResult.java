package dev.latentmpc.controller.arm;

import java.time.Duration;
import java.util.Objects;

/**
 * What a blocking end-effector move achieved.
 *
 * @param reached the state when the motion ended
 * @param clampedByWorkspace the target was moved inside the workspace box
 * @param clampedByTable the target was lifted above the table surface
 * @param elapsed how long the motion took
 */
public record MoveResult(
    ArmState reached, boolean clampedByWorkspace, boolean clampedByTable, Duration elapsed) {
  /** Checks the fields are present. */
  public MoveResult {
    Objects.requireNonNull(reached, "reached is null");
    Objects.requireNonNull(elapsed, "elapsed is null");
  }
}
