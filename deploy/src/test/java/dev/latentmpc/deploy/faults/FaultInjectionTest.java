package dev.latentmpc.deploy.faults;

import static dev.latentmpc.deploy.server.TaskStreams.collect;
import static dev.latentmpc.deploy.server.TaskStreams.outcome;
import static dev.latentmpc.deploy.server.TaskStreams.readUntilFirstStep;
import static dev.latentmpc.deploy.server.TaskStreams.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.EpisodeStatus;
import dev.latentmpc.deploy.server.HealthMonitor;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.HoldReason;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stops and watchdogs under injected faults, against the sim over real sockets: a {@link SimBridge}
 * (the sim harness's bridge server over a seeded reach scene) serves a {@link FaultyArm} and a
 * {@link FaultyCamera} wrapped around the simulated arm and camera; the {@link FaultService} is
 * composed as {@code ControlBackend} composes it, over a {@link FaultyWorldModel} around the
 * committed small bundle. A fault is switched on from step k: right after the bridge's arm finished
 * the k-th move, before the bridge answers it. No sleeps: streams, queues with deadlines, and the
 * fault wrappers' records. Network faults between the service and the bridge, and a client that
 * stops reading, are in {@link HostileNetworkTest}.
 *
 * <p>Which watchdog each case exercises:
 *
 * <ul>
 *   <li>camera dies: the step's camera read fails ({@code CameraUnavailableException} from the
 *       bridge's GetFrame, UNAVAILABLE) → the controller's fault path stops the arm and fails the
 *       episode ({@code EpisodeController.fail});
 *   <li>camera freezes: the frame-age watchdog ({@code controller.maxFrameAgeMs}) holds every step
 *       on a stale frame, and the consecutive-holds watchdog ({@code
 *       controller.maxConsecutiveHolds}, 3 here) fails the episode and stops the arm;
 *   <li>bridge dies: the bridge client's per-call deadline and UNAVAILABLE mapping fail the step;
 *       the {@link HealthMonitor} probe turns health NOT_SERVING, the pre-start device probe
 *       ({@code TaskLoop.probeDevices}) rejects new tasks, and both recover when the bridge comes
 *       back on the same port;
 *   <li>bridge stalls: the move deadline ({@code controller.moveTimeoutMs} + {@code
 *       robot.bridge.moveMarginMs}) fires DEADLINE_EXCEEDED; the bridge's stop-on-cancel and the
 *       controller's stop end the motion; the outcome says the move timed out;
 *   <li>bridge returns errors: a failed MoveDelta fails the step through the fault path;
 *   <li>the model throws: a runtime exception out of planning fails the step through the fault path
 *       ({@code step error (...)});
 *   <li>the client disappears: the stream's cancel handler ({@code OperatorService.startTask})
 *       cancels the task; the cancellation check before the move holds, and {@code end} stops the
 *       arm.
 * </ul>
 *
 * After every fault a fresh client reads the status and runs a new task to completion: the service
 * keeps serving.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultInjectionTest extends FaultSuite {
  @BeforeEach
  void start() throws Exception {
    bridge = new SimBridge(Episode.create(SimTask.REACH, SEED));
    service = new FaultService(sharedModel, bridge.address(), MAX_HOLDS);
    channel = service.channel();
  }

  @Test
  void cameraDiesMidEpisode() throws Exception {
    bridge.arm.afterMoves(1, () -> bridge.camera.inject(FaultyCamera.Fault.DEAD));

    Outcome outcome = outcome(collect(stub().startTask(reach(uploadGoal(), 10))));

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).contains("camera unavailable", "camera was unplugged");
    assertStoppedWithNoMoveAfterTheFault(0);
    assertRecordedServerSide(EpisodeStatus.FAILED);

    bridge.camera.inject(FaultyCamera.Fault.NONE);
    assertKeepsServing();
  }

  @Test
  void cameraFreezesThenStaleFramesHoldAndTheTaskFails() throws Exception {
    bridge.arm.afterMoves(1, () -> bridge.camera.inject(FaultyCamera.Fault.FROZEN));

    List<TaskUpdate> updates = collect(stub().startTask(reach(uploadGoal(), 40)));
    Outcome outcome = outcome(updates);

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason())
        .contains(MAX_HOLDS + " steps in a row held")
        .contains("STALE_FRAME");
    List<StepEvent> steps = steps(updates);
    long frozenSequence = bridge.camera.frozenFrame().sequence();
    int firstStale = -1;
    for (StepEvent step : steps) {
      if (step.getHoldReason() == HoldReason.HOLD_REASON_STALE_FRAME) {
        firstStale = firstStale < 0 ? step.getStepIndex() : firstStale;
        assertThat(step.getCommandSent()).isFalse();
        assertThat(step.getFrameSequence()).isEqualTo(frozenSequence);
      }
      if (firstStale >= 0) {
        assertThat(step.getHoldReason()).isEqualTo(HoldReason.HOLD_REASON_STALE_FRAME);
      }
    }
    assertThat(steps.size() - firstStale).isEqualTo(MAX_HOLDS);
    assertThat(bridge.arm.movesStarted())
        .isEqualTo((int) steps.stream().filter(StepEvent::getCommandSent).count());
    assertThat(bridge.arm.stops()).isGreaterThan(bridge.arm.stopsAtTrigger());
    assertThat(bridge.arm.moving()).isFalse();
    assertRecordedServerSide(EpisodeStatus.FAILED);

    bridge.camera.inject(FaultyCamera.Fault.NONE);
    assertKeepsServing();
  }

  @Test
  void bridgeDiesThenHealthIsNotServingUntilItComesBackOnTheSamePort() throws Exception {
    String goalId = uploadGoal();
    BlockingQueue<ServingStatus> health = watchHealth();
    assertThat(health.poll(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);
    Iterator<TaskUpdate> stream = stub().startTask(reach(goalId, 40));
    readUntilFirstStep(stream);

    bridge.kill();
    Outcome outcome = outcome(collect(stream));

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).containsIgnoringCase("unavailable");
    assertRecordedServerSide(EpisodeStatus.FAILED);
    awaitHealth(health, ServingStatus.NOT_SERVING);
    StatusRuntimeException rejected =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> collect(stub().startTask(reach(goalId, 2))));
    assertThat(rejected.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(rejected.getStatus().getDescription()).contains("unavailable");

    bridge.restartOnTheSamePort();
    awaitHealth(health, ServingStatus.SERVING);
    assertKeepsServing();
  }

  @Test
  void bridgeStallsThenTheMoveTimesOutAndTheArmIsStopped() throws Exception {
    bridge.arm.afterMoves(1, () -> bridge.arm.inject(FaultyArm.Fault.STALL));

    Outcome outcome = outcome(collect(stub().startTask(reach(uploadGoal(), 10))));

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).contains("move timed out");
    assertStoppedWithNoMoveAfterTheFault(1);
    assertRecordedServerSide(EpisodeStatus.FAILED);

    bridge.arm.inject(FaultyArm.Fault.NONE);
    assertKeepsServing();
  }

  @Test
  void bridgeReturnsErrorsThenTheTaskFailsWithTheReason() throws Exception {
    bridge.arm.afterMoves(1, () -> bridge.arm.inject(FaultyArm.Fault.ERROR));

    Outcome outcome = outcome(collect(stub().startTask(reach(uploadGoal(), 10))));

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).contains("arm unavailable", "arm controller rejected it");
    assertStoppedWithNoMoveAfterTheFault(1);
    assertRecordedServerSide(EpisodeStatus.FAILED);

    bridge.arm.inject(FaultyArm.Fault.NONE);
    assertKeepsServing();
  }

  @Test
  void modelThrowsThenTheTaskFailsAndTheArmIsStopped() throws Exception {
    bridge.arm.afterMoves(1, () -> service.model.failEnergiesCall(1));

    Outcome outcome = outcome(collect(stub().startTask(reach(uploadGoal(), 10))));

    assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_FAILED);
    assertThat(outcome.getReason()).contains("step error", "energy graph's inference run failed");
    assertThat(service.model.faults()).isEqualTo(1);
    assertStoppedWithNoMoveAfterTheFault(0);
    assertRecordedServerSide(EpisodeStatus.FAILED);

    assertKeepsServing();
  }

  @Test
  void clientDisappearsThenTheTaskIsCancelledAndTheArmStopped() throws Exception {
    String goalId = uploadGoal();
    ManagedChannel doomed = service.channel();
    Iterator<TaskUpdate> stream =
        ControlGrpc.newBlockingStub(doomed)
            .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .startTask(reach(goalId, 40));
    readUntilFirstStep(stream);
    int stopsBefore = bridge.arm.stops();

    doomed.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

    EpisodeOutcome outcome = service.outcomes.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
    assertThat(outcome).isNotNull();
    assertThat(outcome.status()).isEqualTo(EpisodeStatus.CANCELLED);
    assertThat(outcome.reason()).get().asString().contains("went away");
    assertThat(outcome.steps()).isLessThan(40);
    assertThat(bridge.arm.stops()).isGreaterThan(stopsBefore);
    assertThat(bridge.arm.moving()).isFalse();

    assertKeepsServing();
  }

  // ---------------------------------------------------------------------------------------------

  /** The arm was stopped after the fault and started {@code extra} moves after the trigger. */
  private void assertStoppedWithNoMoveAfterTheFault(int extra) {
    assertThat(bridge.arm.movesAtTrigger()).as("the fault was switched on").isPositive();
    assertThat(bridge.arm.movesStarted()).isEqualTo(bridge.arm.movesAtTrigger() + extra);
    assertThat(bridge.arm.stops()).isGreaterThan(bridge.arm.stopsAtTrigger());
    assertThat(bridge.arm.moving()).isFalse();
  }
}
