package dev.latentmpc.controller.service;

import dev.latentmpc.controller.admission.DiagnosticsGate;
import dev.latentmpc.controller.admission.DiagnosticsLimits;
import dev.latentmpc.controller.loop.ControllerConfig;
import dev.latentmpc.controller.metrics.ControllerMetrics;
import dev.latentmpc.controller.metrics.TaskRunnerMetrics;
import dev.latentmpc.controller.safety.EnvelopeConfig;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.controller.service.goal.GoalStore;
import dev.latentmpc.controller.service.probe.PlanningProbe;
import dev.latentmpc.controller.task.GroundTruth;
import dev.latentmpc.controller.task.PlannerLimits;
import dev.latentmpc.controller.task.TaskRunner;
import dev.latentmpc.controller.testing.TestBundle;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One operator service behind a real in-process server (unique name, direct executor) with real
 * stubs: the real untrained bundle, an integrating arm, a fixed-frame camera and reduced CEM (20
 * samples × 2 iterations), with the runner's metrics in a {@link SimpleMeterRegistry}. Close it
 * after each test.
 */
final class ServiceFixture implements AutoCloseable {

  static final String ROBOT = "panda-test";
  static final String CALLER = "tester";
  static final CemConfig TEST_CEM =
      PlannerLimits.serviceDefaults().toBuilder().samples(20).iterations(2).topK(5).build();

  final IntegratingArm arm = new IntegratingArm();
  final FixedFrameCamera camera = new FixedFrameCamera(TestImages.random(1));
  final SafetyEnvelope envelope = new SafetyEnvelope(EnvelopeConfig.defaults());
  final GoalStore goals = new GoalStore(8, 1 << 20);
  final DiagnosticsGate diagnostics;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TaskRunner runner;
  final ControlGrpc.ControlBlockingStub blocking;
  final ControlGrpc.ControlStub async;
  private final ExecutorService loops = Executors.newCachedThreadPool();
  private final Server server;
  private final ManagedChannel channel;

  ServiceFixture() throws IOException {
    this(GroundTruth.NONE);
  }

  /**
   * A fixture whose runner takes the success of tasks without a reach target from {@code truth}.
   */
  ServiceFixture(GroundTruth truth) throws IOException {
    this(truth, DiagnosticsLimits.DEFAULTS);
  }

  /** A fixture whose diagnostic calls are admitted under {@code limits}. */
  ServiceFixture(GroundTruth truth, DiagnosticsLimits limits) throws IOException {
    diagnostics = new DiagnosticsGate(limits);
    WorldModel model = TestBundle.model();
    FramePreprocessor preprocessor = FramePreprocessor.of(model.spec());
    ControllerConfig config = ControllerConfig.builder().maxFrameAge(Duration.ofSeconds(5)).build();
    ControllerMetrics metrics = new ControllerMetrics();
    metrics.bindTo(meters);
    runner =
        TaskRunner.builder()
            .robotId(ROBOT)
            .arm(arm)
            .camera(camera)
            .worldModel(model)
            .preprocessor(preprocessor)
            .envelope(envelope)
            .controllerConfig(config)
            .plannerDefaults(TEST_CEM)
            .clockNanos(System::nanoTime)
            .loopExecutor(loops)
            .observer(diagnostics.watching(metrics))
            .groundTruth(truth)
            .build();
    new TaskRunnerMetrics(runner).bindTo(meters);
    PlanningProbe probe = new PlanningProbe(model, preprocessor, envelope, System::nanoTime);
    OperatorService service =
        new OperatorService(
            "test-version",
            model,
            TEST_CEM,
            goals,
            probe,
            diagnostics,
            () -> CALLER,
            List.of(runner));
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .maxInboundMessageSize(64 << 20)
            .addService(service)
            .build()
            .start();
    channel =
        InProcessChannelBuilder.forName(name)
            .directExecutor()
            .maxInboundMessageSize(64 << 20)
            .build();
    blocking = ControlGrpc.newBlockingStub(channel);
    async = ControlGrpc.newStub(channel);
  }

  /** Uploads {@code image} as PNG and returns its id. */
  String upload(RgbImage image) {
    return blocking
        .uploadGoal(UploadGoalRequest.newBuilder().setImage(TestImages.png(image)).build())
        .getGoalId();
  }

  @Override
  public void close() throws InterruptedException {
    runner.close();
    channel.shutdownNow();
    server.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
    server.awaitTermination(5, TimeUnit.SECONDS);
    loops.shutdownNow();
    loops.awaitTermination(5, TimeUnit.SECONDS);
  }
}
