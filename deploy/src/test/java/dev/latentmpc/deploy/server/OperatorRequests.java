package dev.latentmpc.deploy.server;

import com.google.protobuf.ByteString;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;

/** Operator requests the service tests send: a sim episode's goal image and a reach task. */
public final class OperatorRequests {
  private OperatorRequests() {}

  /** The PNG upload of {@code episode}'s (first) goal image, rendered by the default camera. */
  public static UploadGoalRequest goalUpload(Episode episode) {
    Renderer renderer = new Renderer(CameraSpec.DEFAULT);
    byte[] png = PngImages.encode(renderer.render(episode.goalWorlds().get(0).shapes()));
    Image image = Image.newBuilder().setEncoded(ByteString.copyFrom(png)).build();
    return UploadGoalRequest.newBuilder().setImage(image).build();
  }

  /** A reach task on one goal with a fixed number of steps. */
  public static StartTaskRequest reach(String goalId, int steps, long seed) {
    return StartTaskRequest.newBuilder()
        .setKind(TaskKind.TASK_KIND_REACH)
        .addGoalIds(goalId)
        .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(steps))
        .setSeed(seed)
        .build();
  }
}
