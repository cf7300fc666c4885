package dev.latentmpc.deploy.faults;

import static dev.latentmpc.deploy.server.TaskStreams.collect;
import static dev.latentmpc.deploy.server.TaskStreams.outcome;
import static dev.latentmpc.deploy.server.TaskStreams.readUntilFirstStep;
import static dev.latentmpc.deploy.server.TaskStreams.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.EpisodeStatus;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.simharness.net.FaultProxy;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile networks between the service and its robot bridge, and a hostile operator client, on real
 * sockets: the service's bridge client ({@code ArmIOBridge} and {@code CameraIOBridge}, {@code
 * robot.source: bridge}) reaches the sim harness's bridge server through a {@link FaultProxy} on
 * loopback that the test stalls, drops or slows down. Defaults of the bridge client apply (1 s call
 * deadline, 1 s heartbeat timeout); a move may take 1 s plus a 500 ms margin.
 *
 * <ul>
 *   <li>the bridge accepts but never answers: the pre-start probe's deadline refuses the task with
 *       UNAVAILABLE, health turns NOT_SERVING, no move reaches the arm; once the network is back
 *       the channel reconnects and tasks run;
 *   <li>the link stalls while the bridge answers a move: the move deadline fails the task ("move
 *       timed out"); the bridge hears no more heartbeats and its watchdog stops the arm;
 *   <li>the link drops while a move is in flight: the bridge sees the call cancelled and stops the
 *       arm; the client's move fails UNAVAILABLE and the task fails; the next call reconnects;
 *   <li>the bridge answers slowly (latency per chunk, both ways): a little slower, the task
 *       completes, only slower; slow enough that frames are stale by the time the arm's state has
 *       come back, every step holds and the consecutive-holds watchdog fails the task with nothing
 *       moved; slower than the move deadline, the move times out, the task fails, and the late stop
 *       still stops the arm;
 *   <li>an operator client stops reading its StartTask stream: the service stops sending
 *       thumbnails, then cancels the task by policy (the arm stops), so what the server holds for
 *       that client stays bounded; other clients are served meanwhile.
 * </ul>
 *
 * Every case ends with the arm stopped or holding, the outcome's reason saying what happened, and a
 * fresh client served (a status read and a new task to completion).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileNetworkTest extends FaultSuite {
  private static final Duration WATCHDOG_WAIT = Duration.ofSeconds(10);

  private FaultProxy link;

  @BeforeEach
  void start() throws Exception {
    bridge = new SimBridge(Episode.create(SimTask.REACH, SEED));
    link = new FaultProxy(bridge.port());
    service = new FaultService(sharedModel, link.address(), MAX_HOLDS);
    channel = service.channel();
  }

  @AfterEach
  void closeLink() {
    link.close();
  }

  @Test
  void bridgeThatAcceptsButNeverAnswersRefusesTasksUntilTheNetworkIsBack() throws Exception {
    String goalId = uploadGoal();
    BlockingQueue<ServingStatus> health = watchHealth();
    awaitHealth(health, ServingStatus.SERVING);

    link.stall();
    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> collect(stub().startTask(reach(goalId, 10))));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(refused.getStatus().getDescription()).contains("arm unavailable");
    awaitHealth(health, ServingStatus.NOT_SERVING);
    assertThat(bridge.arm.movesStarted()).isZero();
    assertThat(bridge.arm.moving()).isFalse();
    ManagedChannel other = service.channel();
    try {
      assertThat(
              ControlGrpc.newBlockingStub(other)
                  .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                  .getStatus(GetStatusRequest.getDefaultInstance())
                  .hasActiveTask())
          .isFalse();
    } finally {
      other.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    link.heal();
    awaitHealth(health, ServingStatus.SERVING);
    assertKeepsServing();
  }

  @Test
  void linkStallsWhileTheBridgeAnswersAMoveThenTheTaskFailsAndTheWatchdogStopsTheArm()
      throws Exception {
    bridge.arm.afterMoves(1, link::stall);

    Outcome outcome = outcome(collect(stub().startTask(reach(uploadGoal(), 10))));

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).contains("move timed out");
    assertStoppedAfterTheFault("the bridge's watchdog stopped the arm");

    link.heal();
    assertKeepsServing();
  }

  @Test
  void linkDropsWhileAMoveIsInFlightThenTheBridgeStopsTheArmAndTheTaskFails() throws Exception {
    bridge.arm.whenMoveStarts(2, link::dropAll);

    Outcome outcome = outcome(collect(stub().startTask(reach(uploadGoal(), 10))));

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).containsIgnoringCase("unavailable");
    assertStoppedAfterTheFault("the arm was stopped after the drop");

    assertKeepsServing();
  }

  @Test
  void bridgeAnsweringSlowlyWithinTheFrameAgeLimitOnlySlowsTheTask() throws Exception {
    Duration oneWay = Duration.ofMillis(50);
    link.latency(oneWay);

    List<TaskUpdate> updates = collect(stub().startTask(reach(uploadGoal(), 3)));

    assertThat(outcome(updates).getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    List<StepEvent> steps = steps(updates);
    assertThat(steps).hasSize(3);
    double roundTrip = 2 * oneWay.toNanos() / 1e9;
    for (StepEvent step : steps) {
      assertThat(step.getLatencies().getExecuteSeconds()).isGreaterThanOrEqualTo(roundTrip);
      assertThat(step.getLatencies().getCameraSeconds()).isGreaterThanOrEqualTo(roundTrip);
    }
    assertThat(bridge.arm.moving()).isFalse();
    assertRecordedServerSide(EpisodeStatus.COMPLETED);

    link.latency(Duration.ZERO);
    assertKeepsServing();
  }

  @Test
  void bridgeAnsweringTooSlowlyForFreshFramesHoldsTheArmAndFailsTheTask() throws Exception {
    // The frame is older than controller.maxFrameAgeMs (250 ms) by the time the arm's state has
    // come back too: every step holds on a stale frame, and the consecutive-holds watchdog ends it.
    link.latency(Duration.ofMillis(150));

    List<TaskUpdate> updates = collect(stub().startTask(reach(uploadGoal(), 10)));

    Outcome outcome = outcome(updates);
    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).contains(MAX_HOLDS + " steps in a row held", "STALE_FRAME");
    assertThat(steps(updates))
        .hasSize(MAX_HOLDS)
        .allSatisfy(step -> assertThat(step.getCommandSent()).isFalse());
    assertThat(bridge.arm.movesStarted()).isZero();
    assertThat(bridge.arm.moving()).isFalse();
    assertRecordedServerSide(EpisodeStatus.FAILED);

    link.latency(Duration.ZERO);
    awaitBridgeAnswers();
    assertKeepsServing();
  }

  @Test
  void bridgeAnsweringSlowerThanTheMoveDeadlineFailsTheTaskAndTheLateStopArrives()
      throws Exception {
    bridge.arm.afterMoves(1, () -> link.latency(Duration.ofSeconds(2)));

    Outcome outcome = outcome(collect(stub().startTask(reach(uploadGoal(), 10))));

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).contains("move timed out");
    assertStoppedAfterTheFault("the arm was stopped");

    link.latency(Duration.ZERO);
    awaitBridgeAnswers(); // the chunks still delayed by 2 s go first
    assertKeepsServing();
  }

  @Test
  void operatorClientThatStopsReadingHasItsTaskCancelledWhileOthersAreServed() throws Exception {
    String goalId = uploadGoal();
    try (FaultProxy clientLink = new FaultProxy(service.port())) {
      // The client grants the server a 64 KiB HTTP/2 window and, behind the held link, never
      // renews it: the server's writes back up after a few thumbnails whatever the socket buffers.
      ManagedChannel slow =
          NettyChannelBuilder.forAddress("127.0.0.1", clientLink.port())
              .usePlaintext()
              .flowControlWindow(64 * 1024)
              .build();
      try {
        Iterator<TaskUpdate> stream =
            ControlGrpc.newBlockingStub(slow)
                .withDeadlineAfter(DEADLINE_SECONDS * 3, TimeUnit.SECONDS)
                .startTask(reach(goalId, 1000).toBuilder().setThumbnailMaxSidePx(512).build());
        readUntilFirstStep(stream);
        int stopsBefore = bridge.arm.stops();

        clientLink.holdResponses(true); // the client reads nothing more

        EpisodeOutcome ended = service.outcomes.poll(DEADLINE_SECONDS * 2, TimeUnit.SECONDS);
        assertThat(ended).isNotNull();
        assertThat(ended.status()).isEqualTo(EpisodeStatus.CANCELLED);
        assertThat(ended.reason()).get().asString().contains("stopped reading its stream");
        assertThat(bridge.arm.stops()).isGreaterThan(stopsBefore);
        assertThat(bridge.arm.moving()).isFalse();
        assertKeepsServing();

        clientLink.holdResponses(false);
        List<TaskUpdate> rest = collect(stream);
        Outcome last = outcome(rest);
        assertThat(last.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
        List<StepEvent> received = steps(rest);
        assertThat(received.size() + 1)
            .as("steps the server kept for the client")
            .isLessThan(ended.steps());
        assertThat(received.subList(received.size() - 8, received.size()))
            .as("the last steps, sent while the stream was not ready")
            .allSatisfy(step -> assertThat(step.getThumbnailPng().isEmpty()).isTrue());
      } finally {
        slow.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Waits until the bridge answers the service's client again (each try bounded by 1 s). */
  private void awaitBridgeAnswers() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    while (!service.armAnswers()) {
      assertThat(System.nanoTime()).as("the bridge answers again").isLessThan(deadline);
    }
  }

  /**
   * After the fault the arm got a stop ({@code stoppedBy} says whose), no move reached the bridge,
   * none is running, and the service recorded the task as failed.
   */
  private void assertStoppedAfterTheFault(String stoppedBy) throws InterruptedException {
    assertThat(bridge.arm.awaitStops(bridge.arm.stopsAtTrigger() + 1, WATCHDOG_WAIT))
        .as(stoppedBy)
        .isTrue();
    assertNoMoveAfterTheFault();
    assertRecordedServerSide(EpisodeStatus.FAILED);
  }

  /** No move reached the bridge after the fault struck, and none is running. */
  private void assertNoMoveAfterTheFault() {
    assertThat(bridge.arm.movesAtTrigger()).as("the fault was switched on").isPositive();
    assertThat(bridge.arm.movesStarted()).isEqualTo(bridge.arm.movesAtTrigger());
    assertThat(bridge.arm.moving()).isFalse();
  }
}
