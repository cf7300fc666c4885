package dev.latentmpc.controller.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A StartTask client that stops reading its stream: the server sends steps without thumbnails while
 * the stream is not ready, cancels the task (and stops the arm) once {@value
 * StreamingTaskListener#MAX_UNREAD_UPDATES} steps in a row found it not ready, and so holds a
 * bounded number of updates for that client; other clients are served as before. The client is a
 * raw {@link ClientCall} with manual flow control that asks for one message only (the in-process
 * transport keeps a stream not ready while its client has no message requested).
 */
class SlowClientTest {

  private ServiceFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ServiceFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  @Test
  void aClientThatStopsReadingHasItsTaskCancelledAndGetsABoundedBacklog() throws Exception {
    StartTaskRequest request = reach(1000).setThumbnailMaxSidePx(32).build();
    BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    ClientCall<StartTaskRequest, TaskUpdate> call =
        fixture.async.getChannel().newCall(ControlGrpc.getStartTaskMethod(), CallOptions.DEFAULT);
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(TaskUpdate message) {
            received.add(message);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            received.add(status);
          }
        },
        new Metadata());
    call.sendMessage(request);
    call.halfClose();
    call.request(1); // the `started` update, then nothing more

    assertThat(((TaskUpdate) received.poll(20, TimeUnit.SECONDS)).hasStarted()).isTrue();
    assertThat(fixture.arm.awaitStops(1)).as("the task ended and stopped the arm").isTrue();

    call.request(Integer.MAX_VALUE); // now read the backlog the server held
    List<TaskUpdate> backlog = new ArrayList<>();
    Object item;
    while ((item = received.poll(20, TimeUnit.SECONDS)) instanceof TaskUpdate update) {
      backlog.add(update);
    }
    assertThat(item).isEqualTo(Status.OK);
    List<TaskUpdate> steps = backlog.stream().filter(TaskUpdate::hasStep).toList();
    // Around the first message the in-process transport may count the client's one request as
    // room for a step or two (they may carry thumbnails); once the stream stays not ready, steps
    // go without thumbnails, and the task is cancelled after the bound.
    int bound = StreamingTaskListener.MAX_UNREAD_UPDATES;
    assertThat(steps.size()).isBetween(bound, bound + 2);
    assertThat(steps.subList(steps.size() - bound, steps.size()))
        .allSatisfy(u -> assertThat(u.getStep().getThumbnailPng().isEmpty()).isTrue());
    Outcome outcome = backlog.get(backlog.size() - 1).getOutcome();
    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
    assertThat(outcome.getReason()).contains("stopped reading its stream");
    assertThat(outcome.getSteps()).isGreaterThan(StreamingTaskListener.MAX_UNREAD_UPDATES);

    List<TaskUpdate> other = new ArrayList<>();
    fixture.blocking.startTask(reach(2).build()).forEachRemaining(other::add);
    assertThat(other.get(other.size() - 1).getOutcome().getStatus())
        .isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
  }

  private StartTaskRequest.Builder reach(int steps) {
    return StartTaskRequest.newBuilder()
        .setKind(TaskKind.TASK_KIND_REACH)
        .setSeed(3)
        .addGoalIds(fixture.upload(TestImages.random(200)))
        .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(steps));
  }
}
