package dev.latentmpc.deploy.server;

import static dev.latentmpc.deploy.server.TaskStreams.collect;
import static dev.latentmpc.deploy.server.TaskStreams.readUntilFirstStep;
import static dev.latentmpc.deploy.server.TaskStreams.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.EndEffectorDelta;
import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import io.grpc.Context;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service end to end over real sockets: the sim harness's bridge server (a seeded reach scene)
 * on one port, the operator API ({@link OperatorServer} in bridge mode, the committed small bundle,
 * CEM reduced to 64 samples x 3 iterations) on another, and a gRPC client. At that CEM size success
 * is not asserted here (DefaultModelReachClosedLoopTest does that): only order, safety, motion and
 * stopping.
 */
class ServiceEndToEndIntegrationTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final long SEED = 7;
  private static final long CALL_DEADLINE_SECONDS = 60;
  private static final int STEPS = 3;

  private SimBridgeFixture bridge;
  private ServeConfig config;
  private OperatorApiFixture api;

  @BeforeEach
  void start() throws Exception {
    bridge = new SimBridgeFixture(Episode.create(SimTask.REACH, SEED));
    config =
        ConfigLoader.defaultsWith(
            HOME,
            Setting.assignment("robot.source=bridge"),
            Setting.assignment("robot.bridge.address=" + bridge.address()),
            Setting.assignment("planner.samples=64"),
            Setting.assignment("planner.iterations=3"),
            Setting.assignment("api.port=0"));
    api = OperatorApiFixture.start(config);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    bridge.close();
  }

  @Test
  void reachStreamsStepsInOrderInsideTheEnvelopeThenCancelStopsTheArm() {
    String goalId = uploadGoal();
    ArmState startOnBridge = bridge.world.armState(0);

    List<TaskUpdate> updates = collect(stub().startTask(reach(goalId, STEPS)));

    assertThat(updates.get(0).hasStarted()).isTrue();
    assertThat(updates.get(0).getStarted().getPlanner().getSamples()).isEqualTo(64);
    assertThat(updates.get(0).getStarted().getPlanner().getIterations()).isEqualTo(3);
    List<StepEvent> steps = steps(updates);
    assertThat(steps).hasSizeGreaterThanOrEqualTo(STEPS);
    for (int i = 0; i < steps.size(); i++) {
      assertThat(steps.get(i).getStepIndex()).isEqualTo(i);
    }
    TaskUpdate last = updates.get(updates.size() - 1);
    assertThat(last.hasOutcome()).isTrue();
    assertThat(last.getOutcome().getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    assertThat(last.getOutcome().getSteps()).isEqualTo(steps.size());
    assertCommandsInsideEnvelopeAndFollowed(steps);
    assertBridgeArmMovedByTheCommands(startOnBridge, steps);

    cancelMidStream(goalId);

    assertThat(health("")).isEqualTo(ServingStatus.SERVING);
    assertThat(health(ControlGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void droppingTheStreamCancelsTheTaskAndStopsTheBridgeArm() throws Exception {
    String goalId = uploadGoal();
    Context.CancellableContext context = Context.current().withCancellation();
    int stopsBefore;
    try {
      Iterator<TaskUpdate> stream = context.call(() -> stub().startTask(reach(goalId, 40)));
      readUntilFirstStep(stream);
      stopsBefore = bridge.arm.stops();
    } finally {
      context.cancel(null); // the operator's Ctrl-C without a Cancel call: the client goes away
    }

    assertThat(bridge.arm.awaitStopsAbove(stopsBefore, Duration.ofSeconds(30))).isTrue();
  }

  private void cancelMidStream(String goalId) {
    Iterator<TaskUpdate> stream = stub().startTask(reach(goalId, 40));
    String taskId = stream.next().getStarted().getTaskId();
    readUntilFirstStep(stream);
    int stopsBefore = bridge.arm.stops();

    stub().cancel(CancelRequest.newBuilder().setTaskId(taskId).build());
    List<TaskUpdate> rest = collect(stream);

    TaskUpdate last = rest.get(rest.size() - 1);
    assertThat(last.getOutcome().getStatus()).isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
    assertThat(last.getOutcome().getSteps()).isLessThan(40);
    assertThat(bridge.arm.stops()).isGreaterThan(stopsBefore);
    assertThat(bridge.arm.moving()).isFalse();
    int moves = bridge.arm.movesStarted();
    ArmState stopped = bridge.world.armState(0);
    // Round trips through the service and the bridge: nothing moves any more.
    assertThat(stub().getStatus(GetStatusRequest.getDefaultInstance()).hasActiveTask()).isFalse();
    assertThat(bridge.arm.movesStarted()).isEqualTo(moves);
    assertThat(bridge.world.armState(0)).isEqualTo(stopped);
  }

  private void assertCommandsInsideEnvelopeAndFollowed(List<StepEvent> steps) {
    SafetyEnvelope envelope = new SafetyEnvelope(config.envelope());
    for (StepEvent step : steps) {
      if (!step.getCommandSent()) {
        continue;
      }
      ArmState before = state(step.getArmStateBefore());
      Delta command = delta(step.getCommand());
      assertThat(envelope.admits(before, command)).as("step %d", step.getStepIndex()).isTrue();
      if (!step.getArmClamped()) {
        ArmState after = state(step.getArmStateAfter());
        assertThat(after.xM()).isCloseTo(before.xM() + command.dxM(), within(1e-3));
        assertThat(after.yM()).isCloseTo(before.yM() + command.dyM(), within(1e-3));
        assertThat(after.zM()).isCloseTo(before.zM() + command.dzM(), within(1e-3));
      }
    }
  }

  private void assertBridgeArmMovedByTheCommands(ArmState start, List<StepEvent> steps) {
    ArmState now = bridge.world.armState(0);
    ArmState lastReported = state(steps.get(steps.size() - 1).getArmStateAfter());
    assertThat(now.xM()).isCloseTo(lastReported.xM(), within(1e-9));
    assertThat(now.yM()).isCloseTo(lastReported.yM(), within(1e-9));
    assertThat(now.zM()).isCloseTo(lastReported.zM(), within(1e-9));
    double[] sum = new double[3];
    long moved = steps.stream().filter(StepEvent::getCommandSent).count();
    for (StepEvent step : steps) {
      sum[0] += step.getCommand().getDxM();
      sum[1] += step.getCommand().getDyM();
      sum[2] += step.getCommand().getDzM();
    }
    assertThat(bridge.arm.movesStarted()).isEqualTo((int) moved);
    if (steps.stream().noneMatch(StepEvent::getArmClamped)) {
      assertThat(now.xM() - start.xM()).isCloseTo(sum[0], within(2e-3));
      assertThat(now.yM() - start.yM()).isCloseTo(sum[1], within(2e-3));
      assertThat(now.zM() - start.zM()).isCloseTo(sum[2], within(2e-3));
    }
  }

  private String uploadGoal() {
    return stub().uploadGoal(OperatorRequests.goalUpload(bridge.episode)).getGoalId();
  }

  private static StartTaskRequest reach(String goalId, int steps) {
    return OperatorRequests.reach(goalId, steps, SEED);
  }

  private ControlGrpc.ControlBlockingStub stub() {
    return ControlGrpc.newBlockingStub(api.channel)
        .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private ServingStatus health(String serviceName) {
    return HealthGrpc.newBlockingStub(api.channel)
        .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(serviceName).build())
        .getStatus();
  }

  private static ArmState state(EndEffectorState s) {
    return new ArmState(
        s.getXM(),
        s.getYM(),
        s.getZM(),
        s.getRollRad(),
        s.getPitchRad(),
        s.getYawRad(),
        s.getGripperClosedness(),
        0);
  }

  private static Delta delta(EndEffectorDelta d) {
    return new Delta(
        d.getDxM(),
        d.getDyM(),
        d.getDzM(),
        d.getDrollRad(),
        d.getDpitchRad(),
        d.getDyawRad(),
        d.getDgripper());
  }
}
