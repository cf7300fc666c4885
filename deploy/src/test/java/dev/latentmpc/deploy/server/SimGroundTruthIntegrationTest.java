package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.deploy.operator.EpisodeClient;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.EpisodeScene;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import dev.latentmpc.worldmodel.DefaultBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sim's ground truth through the whole service, over a real socket: in {@code --arm sim} mode a
 * task of the scene's kind ends SUCCEEDED as soon as the sim's success check holds, every step
 * carries the sim's distance to the goal, and a task of another kind ends by its schedule.
 */
class SimGroundTruthIntegrationTest {
  private static final Path BUNDLE = Path.of("..").resolve(DefaultBundle.relativePath());

  private LocalSimService service;
  private EpisodeClient client;

  @BeforeEach
  void start() throws Exception {
    service =
        LocalSimService.start(
            new LocalSimService.Options(
                BUNDLE, SimTask.PICK_AND_PLACE, 4, 16, 2, 4, 1, false, "test"),
            "test");
    client = EpisodeClient.connect(service.address(), "ground-truth-test");
  }

  @AfterEach
  void stop() {
    client.close();
    service.close();
  }

  @Test
  void aPickAndPlaceWhoseObjectIsPlacedSucceedsAtItsFirstStep() {
    EpisodeScene scene = service.scene();
    Episode episode = scene.episode();
    List<SimWorld> goals = episode.goalWorlds();
    // The technician leaves the object placed and the hand 8 cm above it: one step of at most 5 cm
    // cannot grasp it again (its centre would still be 3 cm below the fingertips).
    scene.world().restore(goals.get(2));

    List<StepEvent> steps = run(TaskKind.TASK_KIND_PICK_AND_PLACE, List.of(4, 10, 4), episode);

    assertThat(steps).hasSize(1);
    assertThat(steps.get(0).hasGoalDistanceM()).isTrue();
    assertThat(steps.get(0).getGoalDistanceM()).isEqualTo(scene.distanceM()).isLessThan(0.05);
    assertThat(scene.isSuccess()).isTrue();
    assertThat(lastStatus).isEqualTo(OutcomeStatus.OUTCOME_STATUS_SUCCEEDED);
  }

  @Test
  void aTaskOfAnotherKindHasNoGroundTruthAndCompletesItsSchedule() {
    EpisodeScene scene = service.scene();
    Episode episode = scene.episode();

    List<StepEvent> steps = run(TaskKind.TASK_KIND_REACH, List.of(2), episode);

    assertThat(steps).hasSize(2).noneMatch(StepEvent::hasGoalDistanceM);
    assertThat(lastStatus).isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
  }

  @Test
  void eachStepReportsTheScenesDistanceAfterItsMove() {
    EpisodeScene scene = service.scene();
    Episode episode = scene.episode();

    List<StepEvent> steps = run(TaskKind.TASK_KIND_PICK_AND_PLACE, List.of(1, 1, 1), episode);

    assertThat(steps).hasSize(3).allMatch(StepEvent::hasGoalDistanceM);
    assertThat(steps.get(2).getGoalDistanceM()).isEqualTo(scene.distanceM());
  }

  private OutcomeStatus lastStatus;

  private List<StepEvent> run(TaskKind kind, List<Integer> schedule, Episode episode) {
    List<byte[]> images = goalImages(new Renderer(CameraSpec.DEFAULT), episode);
    List<String> ids =
        client.upload(kind == TaskKind.TASK_KIND_REACH ? images.subList(0, 1) : images);
    StartTaskRequest request =
        StartTaskRequest.newBuilder()
            .setKind(kind)
            .addAllGoalIds(ids)
            .setFixedSteps(FixedStepsSchedule.newBuilder().addAllStepsPerGoal(schedule))
            .setSeed(5)
            .build();
    EpisodeClient.TaskResult result = client.run(request, update -> {});
    lastStatus = result.outcome().orElseThrow().getStatus();
    return result.steps();
  }

  /** The episode's goal configuration(s), rendered and PNG-encoded as the sim camera sees them. */
  private static List<byte[]> goalImages(Renderer renderer, Episode episode) {
    List<byte[]> pngs = new ArrayList<>();
    for (SimWorld goal : episode.goalWorlds()) {
      pngs.add(PngImages.encode(renderer.render(goal.shapes())));
    }
    return pngs;
  }
}
