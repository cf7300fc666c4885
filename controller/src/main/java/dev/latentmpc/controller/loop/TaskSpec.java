package dev.latentmpc.controller.loop;

import dev.latentmpc.planner.SamplingHooks;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.List;
import java.util.Objects;

/**
 * One task for the controller: goal images, when to switch between them, and the planner's seed.
 *
 * @param taskId the caller's identifier, for logs and outcomes; not blank
 * @param goalImages one image per sub-goal, in order (any size: they go through the same
 *     preprocessing as camera frames); as many as {@code schedule} has goals
 * @param schedule when to move from one goal to the next
 * @param seed seeds the planner's random source; the same seed with the same frames and states
 *     gives the same actions
 * @param successCheck asked after every step whether the task has succeeded
 * @param goalSampling the planner's sampling hooks per goal, in goal order; empty to plan every
 *     goal with the planner configuration's own
 */
public record TaskSpec(
    String taskId,
    List<RgbImage> goalImages,
    SubgoalSchedule schedule,
    long seed,
    SuccessCheck successCheck,
    List<SamplingHooks> goalSampling) {

  /** A task whose every goal plans with the planner configuration's sampling hooks. */
  public TaskSpec(
      String taskId,
      List<RgbImage> goalImages,
      SubgoalSchedule schedule,
      long seed,
      SuccessCheck successCheck) {
    this(taskId, goalImages, schedule, seed, successCheck, List.of());
  }

  /** Validates the fields and copies the lists. */
  public TaskSpec {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(goalImages, "goalImages");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(successCheck, "successCheck");
    if (taskId.isBlank()) {
      throw new IllegalArgumentException("taskId must not be blank");
    }
    goalImages = List.copyOf(goalImages);
    if (goalImages.size() != schedule.goals()) {
      throw new IllegalArgumentException(
          "the schedule has "
              + schedule.goals()
              + " goals but "
              + goalImages.size()
              + " goal images were given");
    }
    goalSampling = List.copyOf(goalSampling);
    if (!goalSampling.isEmpty() && goalSampling.size() != schedule.goals()) {
      throw new IllegalArgumentException(
          "goalSampling has "
              + goalSampling.size()
              + " entries for "
              + schedule.goals()
              + " goals; give none or one per goal");
    }
  }

  /** Returns a task whose success check never reports success (it ends by its schedule). */
  public static TaskSpec of(
      String taskId, List<RgbImage> goalImages, SubgoalSchedule schedule, long seed) {
    return new TaskSpec(taskId, goalImages, schedule, seed, SuccessCheck.never());
  }
}
