package dev.latentmpc.deploy.faults;

import static dev.latentmpc.deploy.server.TaskStreams.collect;
import static dev.latentmpc.deploy.server.TaskStreams.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.EpisodeStatus;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.server.HealthWatch;
import dev.latentmpc.deploy.server.OperatorRequests;
import dev.latentmpc.deploy.server.Teardown;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the fault tests share: the committed small bundle loaded once per class, a {@link SimBridge}
 * and a {@link FaultService} per test (each subclass composes them in its own {@code @BeforeEach}),
 * a channel straight to the operator API, and the checks every case ends with: the outcome recorded
 * server side, and a fresh client served after the fault.
 */
abstract class FaultSuite {
  static final long SEED = 7;
  static final long DEADLINE_SECONDS = 30;
  static final int MAX_HOLDS = 3;

  static WorldModel sharedModel;

  SimBridge bridge;
  FaultService service;
  ManagedChannel channel;

  @BeforeAll
  static void loadModel() throws Exception {
    ServeConfig config = ConfigLoader.defaultsWith(FaultService.HOME);
    sharedModel = OnnxWorldModel.open(config.model().bundleDir(), config.model().runtime());
  }

  @AfterAll
  static void closeModel() {
    sharedModel.close();
  }

  @AfterEach
  void stop() throws Exception {
    Teardown.closeAll(channel, service, bridge);
  }

  /** The next outcome the runner recorded has {@code status}. */
  void assertRecordedServerSide(EpisodeStatus status) throws InterruptedException {
    EpisodeOutcome recorded = service.outcomes.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded).isNotNull();
    assertThat(recorded.status()).isEqualTo(status);
  }

  /** A fresh client reads the status and runs a new task to completion. */
  void assertKeepsServing() throws Exception {
    ManagedChannel fresh = service.channel();
    try {
      ControlGrpc.ControlBlockingStub client =
          ControlGrpc.newBlockingStub(fresh).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
      assertThat(client.getStatus(GetStatusRequest.getDefaultInstance()).hasActiveTask()).isFalse();
      int moves = bridge.arm.movesStarted();
      List<TaskUpdate> updates = collect(client.startTask(reach(uploadGoal(), 2)));
      assertThat(outcome(updates).getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
      assertThat(bridge.arm.movesStarted()).isEqualTo(moves + 2);
      assertRecordedServerSide(EpisodeStatus.COMPLETED);
    } finally {
      fresh.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Watches the operator API's health; every status seen, in order. */
  BlockingQueue<ServingStatus> watchHealth() {
    BlockingQueue<ServingStatus> seen = new LinkedBlockingQueue<>();
    HealthWatch.watch(channel, seen::add);
    return seen;
  }

  /** Waits until {@code wanted} is seen. */
  static void awaitHealth(BlockingQueue<ServingStatus> seen, ServingStatus wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    while (true) {
      ServingStatus next = seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(next).as("health %s before the deadline", wanted).isNotNull();
      if (next == wanted) {
        return;
      }
    }
  }

  /** Uploads the episode's goal image; returns its id. */
  String uploadGoal() {
    return stub().uploadGoal(OperatorRequests.goalUpload(bridge.episode)).getGoalId();
  }

  /** A reach task on {@code goalId}. */
  static StartTaskRequest reach(String goalId, int steps) {
    return OperatorRequests.reach(goalId, steps, SEED);
  }

  /** A stub on the direct channel, with the test's deadline. */
  ControlGrpc.ControlBlockingStub stub() {
    return ControlGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }
}
