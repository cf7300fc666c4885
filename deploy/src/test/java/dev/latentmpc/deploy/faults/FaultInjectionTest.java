package dev.latentmpc.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latentmpc.controller.admission.DiagnosticsGate;
import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.EpisodeStatus;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.controller.service.OperatorService;
import dev.latentmpc.controller.service.goal.GoalStore;
import dev.latentmpc.controller.service.probe.PlanningProbe;
import dev.latentmpc.controller.task.TaskException;
import dev.latentmpc.controller.task.TaskListener;
import dev.latentmpc.controller.task.TaskRunner;
import dev.latentmpc.controller.task.TaskStarted;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.server.HealthMonitor;
import dev.latentmpc.deploy.server.OperatorRequests;
import dev.latentmpc.deploy.server.RobotIo;
import dev.latentmpc.deploy.server.RobotIoFactory;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.HoldReason;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.bridge.BridgeClock;
import dev.latentmpc.simharness.bridge.BridgeInfo;
import dev.latentmpc.simharness.bridge.SimBridgeServer;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.ArmIOSim;
import dev.latentmpc.simharness.world.MotionPacer;
import dev.latentmpc.simharness.world.SimWorld;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stops and watchdogs under injected faults, against the sim over real sockets: the sim harness's
 * {@link SimBridgeServer} (a seeded reach scene) serves a {@link FaultyArm} and a {@link
 * FaultyCamera} wrapped around the simulated arm and camera; the service is composed as {@code
 * ControlBackend} composes it (bridge {@link RobotIo} from {@link RobotIoFactory}, {@link
 * TaskRunner}, {@link OperatorService}, {@link HealthMonitor} probing the bridge every 100 ms), but
 * over a {@link FaultyWorldModel} around the committed small bundle, which the composition root
 * does not let a test inject. CEM is reduced to 32 samples x 2 iterations. A fault is switched on
 * from step k: right after the bridge's arm finished the k-th move, before the bridge answers it.
 * No sleeps: streams, queues with deadlines, and the fault wrappers' records.
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
class FaultInjectionTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final long SEED = 7;
  private static final long DEADLINE_SECONDS = 30;
  private static final int MAX_HOLDS = 3;

  private static WorldModel sharedModel;

  private Bridge bridge;
  private Service service;
  private ManagedChannel channel;

  @BeforeAll
  static void loadModel() throws Exception {
    ServeConfig config = ConfigLoader.defaultsWith(HOME);
    sharedModel = OnnxWorldModel.open(config.model().bundleDir(), config.model().runtime());
  }

  @AfterAll
  static void closeModel() {
    sharedModel.close();
  }

  @BeforeEach
  void start() throws Exception {
    bridge = new Bridge(Episode.create(SimTask.REACH, SEED));
    service = new Service(bridge.address());
    channel = service.channel();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    service.close();
    bridge.close();
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

  private void assertRecordedServerSide(EpisodeStatus status) throws InterruptedException {
    EpisodeOutcome recorded = service.outcomes.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded).isNotNull();
    assertThat(recorded.status()).isEqualTo(status);
  }

  /** A fresh client reads the status and runs a new task to completion. */
  private void assertKeepsServing() throws Exception {
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

  private BlockingQueue<ServingStatus> watchHealth() {
    BlockingQueue<ServingStatus> seen = new LinkedBlockingQueue<>();
    HealthGrpc.newStub(channel)
        .watch(
            HealthCheckRequest.getDefaultInstance(),
            new StreamObserver<>() {
              @Override
              public void onNext(HealthCheckResponse r) {
                seen.add(r.getStatus());
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    return seen;
  }

  private static void awaitHealth(BlockingQueue<ServingStatus> seen, ServingStatus wanted)
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

  private String uploadGoal() {
    return stub().uploadGoal(OperatorRequests.goalUpload(bridge.episode)).getGoalId();
  }

  private static StartTaskRequest reach(String goalId, int steps) {
    return OperatorRequests.reach(goalId, steps, SEED);
  }

  private ControlGrpc.ControlBlockingStub stub() {
    return ControlGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static void readUntilFirstStep(Iterator<TaskUpdate> stream) {
    while (stream.hasNext()) {
      TaskUpdate update = stream.next();
      assertThat(update.hasOutcome()).as("outcome before any step: %s", update).isFalse();
      if (update.hasStep()) {
        return;
      }
    }
    throw new AssertionError("the stream ended before its first step");
  }

  private static List<TaskUpdate> collect(Iterator<TaskUpdate> stream) {
    List<TaskUpdate> updates = new ArrayList<>();
    stream.forEachRemaining(updates::add);
    return updates;
  }

  private static Outcome outcome(List<TaskUpdate> updates) {
    TaskUpdate last = updates.get(updates.size() - 1);
    assertThat(last.hasOutcome()).as("last update %s", last).isTrue();
    return last.getOutcome();
  }

  private static List<StepEvent> steps(List<TaskUpdate> updates) {
    return updates.stream().filter(TaskUpdate::hasStep).map(TaskUpdate::getStep).toList();
  }

  /** The robot side: a seeded reach scene behind faulty wrappers, served on 127.0.0.1. */
  private static final class Bridge implements AutoCloseable {
    final Episode episode;
    final SimWorld world;
    final FaultyArm arm;
    final FaultyCamera camera;
    private final BridgeInfo info;
    private SimBridgeServer server;
    private final int port;

    Bridge(Episode episode) throws IOException {
      this.episode = episode;
      world = episode.startWorld();
      arm =
          new FaultyArm(
              new ArmIOSim(world, System::nanoTime, MotionPacer.wallClock(System::nanoTime)));
      camera =
          new FaultyCamera(
              CameraIOSim.onSystemClock(world::shapes, new Renderer(CameraSpec.DEFAULT)));
      info =
          BridgeInfo.forSim(
              SimArmConfig.defaults(),
              CameraSpec.DEFAULT,
              episode.task() + " seed " + episode.seed());
      server = serve(0);
      port = server.port();
    }

    private SimBridgeServer serve(int onPort) throws IOException {
      return new SimBridgeServer(
              NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", onPort))
                  .withOption(ChannelOption.SO_REUSEADDR, true),
              arm,
              camera,
              info,
              BridgeClock.SYSTEM)
          .start();
    }

    String address() {
      return "127.0.0.1:" + port;
    }

    /** The bridge process dies: no grace, in-flight calls cancelled. */
    void kill() throws InterruptedException {
      server.shutdown(Duration.ZERO);
    }

    void restartOnTheSamePort() throws IOException {
      server = serve(port);
    }

    @Override
    public void close() {
      server.close();
      arm.close();
      camera.close();
    }
  }

  /** The service as {@code ControlBackend} composes it, over a {@link FaultyWorldModel}. */
  private static final class Service implements AutoCloseable {
    final FaultyWorldModel model = new FaultyWorldModel(sharedModel);
    final BlockingQueue<EpisodeOutcome> outcomes = new LinkedBlockingQueue<>();
    private final RobotIo io;
    private final ExecutorService loops;
    private final TaskRunner runner;
    private final HealthMonitor health;
    private final Server server;

    Service(String bridgeAddress) throws Exception {
      ServeConfig config =
          ConfigLoader.defaultsWith(
              HOME,
              Setting.assignment("robot.source=bridge"),
              Setting.assignment("robot.bridge.address=" + bridgeAddress),
              Setting.assignment("robot.bridge.moveMarginMs=500"),
              Setting.assignment("planner.samples=32"),
              Setting.assignment("planner.iterations=2"),
              Setting.assignment("controller.moveTimeoutMs=1000"),
              Setting.assignment("controller.maxConsecutiveHolds=" + MAX_HOLDS));
      io = RobotIoFactory.open(config.robot(), System::nanoTime);
      AtomicInteger threads = new AtomicInteger();
      loops =
          Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-test-loop-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      FramePreprocessor preprocessor = FramePreprocessor.of(model.spec());
      SafetyEnvelope envelope = new SafetyEnvelope(config.envelope());
      DiagnosticsGate diagnostics = new DiagnosticsGate(config.diagnostics());
      runner =
          TaskRunner.builder()
              .robotId(config.robot().robotId())
              .arm(io.arm())
              .camera(io.camera())
              .worldModel(model)
              .preprocessor(preprocessor)
              .envelope(envelope)
              .controllerConfig(config.controller())
              .plannerDefaults(config.planner())
              .clockNanos(System::nanoTime)
              .loopExecutor(loops)
              .observer(diagnostics.watching(new OutcomeRecorder(outcomes)))
              .build();
      OperatorService control =
          new OperatorService(
              "fault-test",
              model,
              config.planner(),
              new GoalStore(config.goals().maxCount(), config.goals().maxBytes()),
              new PlanningProbe(model, preprocessor, envelope, System::nanoTime),
              diagnostics,
              () -> "fault-test",
              List.of(runner));
      HealthStatusManager status = new HealthStatusManager();
      health =
          new HealthMonitor(
              status, List.of(ControlGrpc.SERVICE_NAME), () -> io.arm().read(), Optional.empty());
      health.start(Duration.ofMillis(100));
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              .addService(control.bindService())
              .addService(status.getHealthService())
              .build()
              .start();
    }

    ManagedChannel channel() {
      return Grpc.newChannelBuilderForAddress(
              "127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
          .build();
    }

    @Override
    public void close() throws InterruptedException {
      health.close();
      server.shutdownNow();
      runner.close();
      server.awaitTermination(5, TimeUnit.SECONDS);
      loops.shutdownNow();
      io.close();
      model.close();
    }
  }

  /** The runner's observer: every outcome, server side, in order. */
  private record OutcomeRecorder(BlockingQueue<EpisodeOutcome> outcomes) implements TaskListener {
    @Override
    public void onStarted(TaskStarted started) {}

    @Override
    public void onStep(dev.latentmpc.controller.loop.StepEvent event, Optional<RgbImage> frame) {}

    @Override
    public void onOutcome(EpisodeOutcome outcome) {
      outcomes.add(outcome);
    }

    @Override
    public void onRejected(TaskException error) {}
  }
}
