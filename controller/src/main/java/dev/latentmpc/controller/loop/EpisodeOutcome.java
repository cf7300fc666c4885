package dev.latentmpc.controller.loop;

import java.util.Objects;
import java.util.Optional;

/**
 * How an episode ended.
 *
 * @param taskId the task's identifier
 * @param status succeeded, completed, cancelled or failed
 * @param reason what happened, for a failure or cancellation (and a note otherwise); empty when
 *     there is nothing to add
 * @param steps steps taken, holds included
 * @param subgoalIndex the sub-goal current when it ended
 * @param durationNanos from {@code start} to the end, on the controller's clock
 */
public record EpisodeOutcome(
    String taskId,
    EpisodeStatus status,
    Optional<String> reason,
    int steps,
    int subgoalIndex,
    long durationNanos) {

  /** Checks that nothing is null. */
  public EpisodeOutcome {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  /** Returns whether the episode reached the end of its schedule or succeeded. */
  public boolean isSuccessfulOrCompleted() {
    return status == EpisodeStatus.SUCCEEDED || status == EpisodeStatus.COMPLETED;
  }

  /** Returns this outcome turned into a failure because the arm could not be stopped. */
  EpisodeOutcome withStopFailure(String why) {
    String before = status + reason.map(r -> " (" + r + ")").orElse("");
    return new EpisodeOutcome(
        taskId,
        EpisodeStatus.FAILED,
        Optional.of("stopping the arm failed: " + why + "; the episode was " + before),
        steps,
        subgoalIndex,
        durationNanos);
  }
}
