package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.SubgoalSchedule;
import dev.latentmpc.controller.loop.SuccessCheck;
import dev.latentmpc.controller.loop.TaskSpec;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.planner.SamplingHooks;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Validates a {@link TaskRequest} against the API's limits and fills in what it left out (task id,
 * seed, schedule, success check: the request's reach target, else the robot's {@link GroundTruth}).
 * Error descriptions name the request fields of {@code control.proto}.
 */
final class TaskResolver {

  /** Most goals in one task. */
  static final int MAX_GOALS = 16;

  /** Thumbnail sides accepted, pixels. */
  static final int MIN_THUMBNAIL_PX = 16;

  static final int MAX_THUMBNAIL_PX = 512;

  private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final CemConfig plannerDefaults;
  private final List<Integer> exportedHorizons;
  private final RandomGenerator random;
  private final GroundTruth groundTruth;

  /**
   * @param random picks the seeds and ids a request leaves out; they are reported, so a run can
   *     still be replayed
   * @param groundTruth the success check of a task that names no reach target
   */
  TaskResolver(
      CemConfig plannerDefaults,
      List<Integer> exportedHorizons,
      RandomGenerator random,
      GroundTruth groundTruth) {
    this.plannerDefaults = plannerDefaults;
    this.exportedHorizons = List.copyOf(exportedHorizons);
    this.random = random;
    this.groundTruth = groundTruth;
  }

  /** Returns the validated task; throws {@link TaskException.Kind#INVALID} naming every problem. */
  ResolvedTask resolve(TaskRequest request) {
    List<String> errors = new ArrayList<>();
    if (!request.taskId().isEmpty() && !TASK_ID.matcher(request.taskId()).matches()) {
      errors.add(
          "task_id must be 1..128 characters of [A-Za-z0-9._-], got '" + request.taskId() + "'");
    }
    SubgoalSchedule schedule = schedule(request, errors);
    int thumbnail = request.thumbnailMaxSidePx();
    if (thumbnail != 0 && (thumbnail < MIN_THUMBNAIL_PX || thumbnail > MAX_THUMBNAIL_PX)) {
      errors.add(
          "thumbnail_max_side_px must be 0 or in ["
              + MIN_THUMBNAIL_PX
              + ", "
              + MAX_THUMBNAIL_PX
              + "], got "
              + Integer.toUnsignedString(thumbnail));
    }
    if (!errors.isEmpty()) {
      throw invalid(String.join("; ", errors));
    }
    CemConfig planner =
        PlannerLimits.resolve(plannerDefaults, request.planner(), exportedHorizons, "planner");
    List<SamplingHooks> goalSampling =
        PlannerLimits.perGoal(planner, request.planner(), schedule.goals(), "planner");
    String taskId = request.taskId().isEmpty() ? newTaskId() : request.taskId();
    long seed = request.seed().orElseGet(random::nextLong);
    SuccessCheck success = successCheck(request);
    TaskSpec spec =
        new TaskSpec(taskId, request.goalImages(), schedule, seed, success, goalSampling);
    return new ResolvedTask(spec, request.kind(), planner, thumbnail);
  }

  /** The request's reach target if it names one, else the robot's ground truth, else never. */
  private SuccessCheck successCheck(TaskRequest request) {
    if (request.reachTarget().isPresent()) {
      return request.reachTarget().get();
    }
    return groundTruth.successCheck(request.kind()).orElse(SuccessCheck.never());
  }

  private static SubgoalSchedule schedule(TaskRequest request, List<String> errors) {
    int goals = request.goalImages().size();
    if (goals == 0 || goals > MAX_GOALS) {
      errors.add("goal_ids must hold 1.." + MAX_GOALS + " goal ids, got " + goals);
      return request.kind().defaultSchedule();
    }
    if (request.schedule().isPresent()) {
      SubgoalSchedule explicit = request.schedule().get();
      if (explicit.goals() != goals) {
        errors.add(
            "the schedule has "
                + explicit.goals()
                + " step counts but goal_ids has "
                + goals
                + " ids; give one per goal");
      }
      return explicit;
    }
    if (goals != request.kind().defaultGoals()) {
      errors.add(
          "kind "
              + request.kind()
              + " takes "
              + request.kind().defaultGoals()
              + " goal id(s) without an explicit schedule, got "
              + goals);
    }
    return request.kind().defaultSchedule();
  }

  private String newTaskId() {
    byte[] bytes = new byte[6];
    random.nextBytes(bytes);
    return "task-" + HexFormat.of().formatHex(bytes);
  }

  private static TaskException invalid(String description) {
    return new TaskException(TaskException.Kind.INVALID, description);
  }
}
