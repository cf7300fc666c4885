package dev.latentmpc.deploy.operator;

import com.google.protobuf.ByteString;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskStarted;
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
import java.util.function.Consumer;

/**
 * The operator side of the commands that drive episodes through a local service ({@code demo},
 * {@code bench}): one plaintext gRPC channel to the operator API over which it uploads encoded goal
 * images and runs tasks, handing every update of a task's stream to the caller as it arrives.
 */
public final class EpisodeClient implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final OperatorConnection connection;

  private EpisodeClient(OperatorConnection connection) {
    this.connection = connection;
  }

  /**
   * Opens a channel to the operator API at {@code address} ({@code host:port}); nothing connects
   * before the first call.
   */
  public static EpisodeClient connect(String address, String userAgent) {
    return new EpisodeClient(
        new OperatorConnection(
            address,
            Grpc.newChannelBuilder(address, InsecureChannelCredentials.create())
                .maxInboundMessageSize(OperatorConnection.MAX_INBOUND_MESSAGE_BYTES)
                .userAgent(userAgent)
                .build(),
            CALL_TIMEOUT));
  }

  /**
   * What a task's stream delivered.
   *
   * @param started the resolved task; empty when the stream ended before it
   * @param steps the step events in order
   * @param outcome the outcome; empty when the stream ended without one
   */
  public record TaskResult(
      Optional<TaskStarted> started, List<StepEvent> steps, Optional<Outcome> outcome) {}

  /**
   * Uploads encoded goal images.
   *
   * @return their goal ids, in order
   * @throws StatusRuntimeException when the server refuses one
   */
  public List<String> upload(List<byte[]> encodedGoals) {
    List<String> ids = new ArrayList<>();
    for (byte[] encoded : encodedGoals) {
      Image image = Image.newBuilder().setEncoded(ByteString.copyFrom(encoded)).build();
      ids.add(
          connection
              .blocking()
              .uploadGoal(UploadGoalRequest.newBuilder().setImage(image).build())
              .getGoalId());
    }
    return ids;
  }

  /**
   * Starts a task and reads its stream to the end, passing each update to {@code onUpdate} as it
   * arrives.
   *
   * @throws StatusRuntimeException when the server refuses the task or the stream breaks
   */
  public TaskResult run(StartTaskRequest request, Consumer<TaskUpdate> onUpdate) {
    Optional<TaskStarted> started = Optional.empty();
    List<StepEvent> steps = new ArrayList<>();
    Iterator<TaskUpdate> updates = connection.streaming().startTask(request);
    while (updates.hasNext()) {
      TaskUpdate update = updates.next();
      onUpdate.accept(update);
      switch (update.getUpdateCase()) {
        case STARTED -> started = Optional.of(update.getStarted());
        case STEP -> steps.add(update.getStep());
        case OUTCOME -> {
          return new TaskResult(started, steps, Optional.of(update.getOutcome()));
        }
        case UPDATE_NOT_SET -> {
          // Nothing to record; the caller saw it.
        }
      }
    }
    return new TaskResult(started, steps, Optional.empty());
  }

  /**
   * Returns a listener printing the stream as {@code operator run} does: a header, one line per
   * step (with the distance to the goal where the server measures it), the outcome.
   */
  public static Consumer<TaskUpdate> printer(PrintWriter out) {
    ProgressPrinter printer = new ProgressPrinter(out);
    return update -> {
      switch (update.getUpdateCase()) {
        case STARTED -> printer.started(update.getStarted());
        case STEP -> printer.step(update.getStep());
        case OUTCOME -> printer.outcome(update.getOutcome());
        case UPDATE_NOT_SET -> printer.note("(empty update ignored)");
      }
    };
  }

  /** Returns the one-line message for a failed call, with what to do about it. */
  public static String describe(StatusRuntimeException e, String address) {
    return OperatorSupport.describe(e.getStatus(), address);
  }

  /** Returns the short form of a goal id for messages. */
  public static String shortId(String goalId) {
    return UploadCommand.shortId(goalId);
  }

  @Override
  public void close() {
    connection.close();
  }
}
