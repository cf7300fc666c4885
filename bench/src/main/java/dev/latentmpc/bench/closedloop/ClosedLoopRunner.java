package dev.latentmpc.bench.closedloop;

import dev.latentmpc.deploy.operator.EpisodeClient;
import dev.latentmpc.proto.control.v1.EnergyThresholdSchedule;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.HoldReason;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.EpisodeScene;
import dev.latentmpc.simharness.task.SceneSample;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs seeded sim episodes through a running service, as an operator with a lab technician would:
 * the technician sets the scene up for the episode ({@link EpisodeScene#reset}, only between
 * tasks), the operator uploads the episode's goal images as the camera would see them, starts the
 * task over gRPC with a fixed schedule and the episode's seed, and reads its stream. The service
 * decides success (the sim's ground truth) and reports the distance to the goal after every step.
 */
public final class ClosedLoopRunner {
  /** Pick-and-place's moves per sub-goal (grasped, near the target, placed): the paper's. */
  public static final List<Integer> PICK_AND_PLACE_SCHEDULE = List.of(4, 10, 4);

  private final EpisodeClient client;
  private final EpisodeScene scene;
  private final Renderer renderer;
  private final LongSupplier clockNanos;
  private final int thumbnailMaxSidePx;
  private final String taskIdPrefix;

  /**
   * A runner whose tasks stream no thumbnails.
   *
   * @param client the operator connection to the service
   * @param scene the service's simulated scene
   * @param camera the service's simulated camera, which renders the goal images
   * @param clockNanos times each episode's wall duration
   */
  public ClosedLoopRunner(
      EpisodeClient client, EpisodeScene scene, CameraSpec camera, LongSupplier clockNanos) {
    this(client, scene, camera, clockNanos, 0, "bench");
  }

  /**
   * A runner whose tasks ask for each step's camera frame as a PNG thumbnail.
   *
   * @param thumbnailMaxSidePx the thumbnails' longer side, 16 … 512; 0 for none
   * @param taskIdPrefix task ids are {@code PREFIX-TASK-INDEX}
   */
  public ClosedLoopRunner(
      EpisodeClient client,
      EpisodeScene scene,
      CameraSpec camera,
      LongSupplier clockNanos,
      int thumbnailMaxSidePx,
      String taskIdPrefix) {
    this.client = Objects.requireNonNull(client, "client");
    this.scene = Objects.requireNonNull(scene, "scene");
    this.renderer = new Renderer(Objects.requireNonNull(camera, "camera"));
    this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
    this.thumbnailMaxSidePx = thumbnailMaxSidePx;
    this.taskIdPrefix = Objects.requireNonNull(taskIdPrefix, "taskIdPrefix");
  }

  /** The schedule a task runs: pick-and-place 4/10/4, the other tasks {@code maxSteps} moves. */
  public static List<Integer> schedule(SimTask task, int maxSteps) {
    return task == SimTask.PICK_AND_PLACE ? PICK_AND_PLACE_SCHEDULE : List.of(maxSteps);
  }

  /** The episode's goal configuration(s), rendered and PNG-encoded as the sim camera sees them. */
  public static List<byte[]> goalImages(Renderer renderer, Episode episode) {
    List<byte[]> pngs = new ArrayList<>();
    for (SimWorld goal : episode.goalWorlds()) {
      pngs.add(PngImages.encode(renderer.render(goal.shapes())));
    }
    return pngs;
  }

  /**
   * Sets the scene up for {@code episode} and runs it.
   *
   * @param episode the episode (its seed also seeds the planner)
   * @param index the episode's index within its task, for the result
   * @param stepsPerGoal the fixed schedule, one entry per goal image
   * @param onUpdate sees every update of the task's stream
   * @throws io.grpc.StatusRuntimeException when the service refuses the task or the stream breaks
   * @throws IllegalStateException when the stream ends without an outcome
   */
  public EpisodeResult run(
      Episode episode, int index, List<Integer> stepsPerGoal, Consumer<TaskUpdate> onUpdate) {
    int[] moves = stepsPerGoal.stream().mapToInt(Integer::intValue).toArray();
    return run(episode, index, EpisodePlan.modelOnly(BenchSchedule.fixed(moves)), onUpdate);
  }

  /**
   * Sets the scene up for {@code episode} and runs it the way {@code plan} says (goal images in
   * order, schedule, planner overrides); each step of the result carries the scene's ground truth
   * after it (held or not, the object's position).
   *
   * @param episode the episode (its seed also seeds the planner)
   * @param index the episode's index within its row, for the result
   * @param plan how the row runs its episodes
   * @param onUpdate sees every update of the task's stream
   * @throws io.grpc.StatusRuntimeException when the service refuses the task or the stream breaks
   * @throws IllegalStateException when the stream ends without an outcome
   */
  public EpisodeResult run(
      Episode episode, int index, EpisodePlan plan, Consumer<TaskUpdate> onUpdate) {
    long start = clockNanos.getAsLong();
    scene.reset(episode);
    double initial = scene.distanceM();
    List<String> images = client.upload(goalImages(renderer, episode));
    StartTaskRequest.Builder builder =
        StartTaskRequest.newBuilder()
            .setKind(protoKind(episode.task()))
            .addAllGoalIds(plan.goalImages().stream().map(images::get).toList())
            .setPlanner(plan.planner());
    if (plan.schedule().energyThreshold().isPresent()) {
      builder.setEnergyThreshold(
          EnergyThresholdSchedule.newBuilder()
              .setEnergyThreshold(plan.schedule().energyThreshold().getAsDouble())
              .addAllMaxStepsPerGoal(plan.stepsPerGoal()));
    } else {
      builder.setFixedSteps(
          FixedStepsSchedule.newBuilder().addAllStepsPerGoal(plan.stepsPerGoal()));
    }
    StartTaskRequest request =
        builder
            .setSeed(episode.seed())
            .setThumbnailMaxSidePx(thumbnailMaxSidePx)
            .setTaskId(
                String.format(
                    Locale.ROOT, "%s-%s-%d", taskIdPrefix, episode.task().cliName(), index))
            .build();
    EpisodeClient.TaskResult result = client.run(request, onUpdate);
    double wall = (clockNanos.getAsLong() - start) / 1e9;
    List<StepSample> steps =
        withScene(result.steps().stream().map(ClosedLoopRunner::sample).toList(), scene.trace());
    Outcome outcome =
        result
            .outcome()
            .orElseThrow(
                () -> new IllegalStateException("the task's stream ended without an outcome"));
    return new EpisodeResult(
        episode.task(),
        index,
        episode.seed(),
        statusName(outcome.getStatus()),
        outcome.getReason(),
        initial,
        steps,
        wall,
        plan);
  }

  /**
   * Adds the scene's ground truth to the steps: the scene recorded one sample per step of the task
   * (its success check runs after every step); any other count leaves the steps without.
   */
  static List<StepSample> withScene(List<StepSample> steps, List<SceneSample> trace) {
    if (trace.size() != steps.size()) {
      return steps;
    }
    List<StepSample> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      SceneSample t = trace.get(i);
      Vec3 o = t.objectBottomM();
      out.add(steps.get(i).withScene(t.held(), new StepSample.Xyz(o.x(), o.y(), o.z())));
    }
    return out;
  }

  private static StepSample sample(StepEvent e) {
    return new StepSample(
        e.getStepIndex() + 1,
        e.getSubgoalIndex(),
        e.hasGoalDistanceM() ? e.getGoalDistanceM() : Double.NaN,
        e.getPlanIterations() > 0 ? e.getEnergy() : Double.NaN,
        e.getLatencies().getPlanSeconds(),
        e.getCommandSent() && e.getHoldReason() == HoldReason.HOLD_REASON_UNSPECIFIED,
        e.getCommandSent() ? e.getCommand().getDgripper() : 0,
        e.getArmStateAfter().getGripperClosedness(),
        e.getCommandSent()
            ? new StepSample.Xyz(
                e.getCommand().getDxM(), e.getCommand().getDyM(), e.getCommand().getDzM())
            : StepSample.Xyz.ZERO,
        new StepSample.Xyz(
            e.getArmStateAfter().getXM(),
            e.getArmStateAfter().getYM(),
            e.getArmStateAfter().getZM()),
        StepSample.HELD_UNKNOWN,
        StepSample.Xyz.UNKNOWN);
  }

  /** {@code OUTCOME_STATUS_SUCCEEDED} → {@code succeeded}. */
  static String statusName(OutcomeStatus status) {
    String name = status.name();
    String prefix = "OUTCOME_STATUS_";
    return (name.startsWith(prefix) ? name.substring(prefix.length()) : name)
        .toLowerCase(Locale.ROOT);
  }

  /** The API's task kind of a sim task. */
  public static dev.latentmpc.proto.control.v1.TaskKind protoKind(SimTask kind) {
    return switch (kind) {
      case REACH -> dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_REACH;
      case GRASP -> dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_GRASP;
      case REACH_WITH_OBJECT -> dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_REACH_WITH_OBJECT;
      case PICK_AND_PLACE -> dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_PICK_AND_PLACE;
    };
  }
}
