package dev.latentmpc.deploy.faults;

import dev.latentmpc.controller.admission.DiagnosticsGate;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.loop.EpisodeOutcome;
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
import dev.latentmpc.deploy.server.ControlBackend;
import dev.latentmpc.deploy.server.HealthMonitor;
import dev.latentmpc.deploy.server.RobotIo;
import dev.latentmpc.deploy.server.RobotIoFactory;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service of the fault tests, composed as {@code ControlBackend} composes it (bridge {@link
 * RobotIo} from {@link RobotIoFactory}, {@link TaskRunner} as {@link ControlBackend#runnerBuilder}
 * wires it, {@link OperatorService}, {@link HealthMonitor} probing the bridge every 100 ms) but
 * over a {@link FaultyWorldModel}, which the composition root does not let a test inject; served by
 * Netty on 127.0.0.1. CEM is reduced to 32 samples × 2 iterations; the bridge client's move margin
 * is 500 ms and a move may take 1 s. Every outcome is recorded server side, in order.
 */
final class FaultService implements AutoCloseable {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  final FaultyWorldModel model;
  final BlockingQueue<EpisodeOutcome> outcomes = new LinkedBlockingQueue<>();
  private final RobotIo io;
  private final ExecutorService loops;
  private final TaskRunner runner;
  private final HealthMonitor health;
  private final Server server;

  /**
   * Starts the service.
   *
   * @param sharedModel the loaded bundle, wrapped in a {@link FaultyWorldModel} (not closed here)
   * @param bridgeAddress the robot bridge, {@code host:port}
   * @param maxHolds {@code controller.maxConsecutiveHolds}
   * @param extra further settings ({@code key=value}), applied last
   */
  FaultService(WorldModel sharedModel, String bridgeAddress, int maxHolds, String... extra)
      throws Exception {
    model = new FaultyWorldModel(sharedModel);
    List<Setting> settings = new ArrayList<>();
    for (String s :
        List.of(
            "robot.source=bridge",
            "robot.bridge.address=" + bridgeAddress,
            "robot.bridge.moveMarginMs=500",
            "planner.samples=32",
            "planner.iterations=2",
            "controller.moveTimeoutMs=1000",
            "controller.maxConsecutiveHolds=" + maxHolds)) {
      settings.add(Setting.assignment(s));
    }
    for (String s : extra) {
      settings.add(Setting.assignment(s));
    }
    ServeConfig config = ConfigLoader.defaultsWith(HOME, settings.toArray(Setting[]::new));
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
        ControlBackend.runnerBuilder(
                config, io, model, preprocessor, envelope, System::nanoTime, loops)
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

  /** Whether the arm answers a read through the bridge client now (within its call deadline). */
  boolean armAnswers() {
    try {
      io.arm().read();
      return true;
    } catch (ArmUnavailableException e) {
      return false;
    }
  }

  /** The operator API's port on 127.0.0.1. */
  int port() {
    return server.getPort();
  }

  /** A new client channel straight to the operator API. */
  ManagedChannel channel() {
    return channel(port());
  }

  /** A new client channel to {@code port} on 127.0.0.1 (the API, or a proxy in front of it). */
  static ManagedChannel channel(int port) {
    return Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
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
