package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.SubgoalSchedule;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An operator's request to run a task, as decoded from the API but not yet validated against the
 * limits ({@link TaskRunner#start} does that).
 *
 * @param taskId the caller's id; empty to have one generated
 * @param kind what the task does
 * @param goalImages the goal images, in order
 * @param schedule when to switch goals; empty for the kind's default
 * @param planner changes to the planner defaults
 * @param preempt whether to cancel a running task instead of failing
 * @param seed the planner's seed; empty to have one picked
 * @param reachTarget success test; empty to end by the schedule
 * @param thumbnailMaxSidePx longer side of per-step frame thumbnails, pixels; 0 for none
 */
public record TaskRequest(
    String taskId,
    TaskKind kind,
    List<RgbImage> goalImages,
    Optional<SubgoalSchedule> schedule,
    PlannerOverrides planner,
    boolean preempt,
    OptionalLong seed,
    Optional<ReachTarget> reachTarget,
    int thumbnailMaxSidePx) {

  /** Checks that nothing is null and copies the image list. */
  public TaskRequest {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(kind, "kind");
    goalImages = List.copyOf(goalImages);
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(reachTarget, "reachTarget");
  }
}
