package dev.latentmpc.deploy.operator;

import com.google.protobuf.ByteString;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The operator side of {@code latent-mpc demo}: over a real gRPC channel to a running operator API,
 * uploads encoded goal images, starts a fixed-schedule task and prints its stream with the same
 * {@link ProgressPrinter} as {@code operator run}, returning the steps and the outcome.
 */
public final class DemoClient {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private DemoClient() {}

  /**
   * What the task's stream delivered.
   *
   * @param steps the step events in order
   * @param outcome the outcome; empty when the stream ended without one
   */
  public record Result(List<StepEvent> steps, Optional<Outcome> outcome) {}

  /**
   * Uploads the goals, runs the task and prints its progress.
   *
   * @param address the operator API, {@code host:port}
   * @param kind the task kind
   * @param goalPngs encoded goal images, in order
   * @param stepsPerGoal the fixed schedule, one entry per goal
   * @param seed the planner seed
   * @param out where the progress goes
   * @return the steps and the outcome
   * @throws StatusRuntimeException when the server refuses a call or the stream breaks
   */
  public static Result run(
      String address,
      TaskKind kind,
      List<byte[]> goalPngs,
      List<Integer> stepsPerGoal,
      long seed,
      PrintWriter out) {
    ProgressPrinter printer = new ProgressPrinter(out);
    try (OperatorConnection connection =
        new OperatorConnection(
            address,
            Grpc.newChannelBuilder(address, InsecureChannelCredentials.create())
                .maxInboundMessageSize(OperatorConnection.MAX_INBOUND_MESSAGE_BYTES)
                .userAgent("latent-mpc-demo")
                .build(),
            CALL_TIMEOUT)) {
      List<String> ids = new ArrayList<>();
      for (byte[] png : goalPngs) {
        Image image = Image.newBuilder().setEncoded(ByteString.copyFrom(png)).build();
        ids.add(
            connection
                .blocking()
                .uploadGoal(UploadGoalRequest.newBuilder().setImage(image).build())
                .getGoalId());
      }
      out.println(
          "uploaded "
              + ids.size()
              + " goal image(s): "
              + String.join(", ", ids.stream().map(UploadCommand::shortId).toList()));
      out.flush();
      StartTaskRequest request =
          StartTaskRequest.newBuilder()
              .setKind(kind)
              .addAllGoalIds(ids)
              .setFixedSteps(FixedStepsSchedule.newBuilder().addAllStepsPerGoal(stepsPerGoal))
              .setSeed(seed)
              .build();
      List<StepEvent> steps = new ArrayList<>();
      Iterator<TaskUpdate> updates = connection.streaming().startTask(request);
      while (updates.hasNext()) {
        TaskUpdate update = updates.next();
        switch (update.getUpdateCase()) {
          case STARTED -> printer.started(update.getStarted());
          case STEP -> {
            steps.add(update.getStep());
            printer.step(update.getStep());
          }
          case OUTCOME -> {
            printer.outcome(update.getOutcome());
            return new Result(steps, Optional.of(update.getOutcome()));
          }
          case UPDATE_NOT_SET -> printer.note("(empty update ignored)");
        }
      }
      printer.note("the stream ended without an outcome");
      return new Result(steps, Optional.empty());
    }
  }

  /** Returns the one-line message for a failed call, with what to do about it. */
  public static String describe(StatusRuntimeException e, String address) {
    return OperatorSupport.describe(e.getStatus(), address);
  }
}
