package dev.latentmpc.deploy.server;

import dev.latentmpc.controller.admission.DiagnosticsGate;
import dev.latentmpc.controller.metrics.ControllerMetrics;
import dev.latentmpc.controller.metrics.MeteredWorldModel;
import dev.latentmpc.controller.metrics.TaskRunnerMetrics;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.controller.service.OperatorService;
import dev.latentmpc.controller.service.goal.GoalStore;
import dev.latentmpc.controller.service.probe.PlanningProbe;
import dev.latentmpc.controller.task.TaskRunner;
import dev.latentmpc.controller.task.TaskRunnerBuilder;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.security.Principal;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything behind the operator API, composed from the configuration: the world model, the robot's
 * {@link TaskRunner} (the one owner of its arm), the goal store, the planning probe with its {@link
 * DiagnosticsGate} (told of the runner's tasks, so diagnostics yield to them) and the {@link
 * OperatorService} over them, plus the robot's IO.
 *
 * <p>When the model fails to load, the backend still exists: the operator API answers UNAVAILABLE
 * with the reason and the health service reports NOT_SERVING, so an orchestrator sees the failure
 * instead of a crash loop. The backend owns what it was given and closes it in order: {@link
 * #stopTasks} (stop the arm now, cancel the task and wait for its loop to end), then {@link #close}
 * (loop threads, IO, model).
 */
public final class ControlBackend implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlBackend.class);

  private final RobotIo io;
  private final Optional<WorldModel> model;
  private final Optional<TaskRunner> runner;
  private final Optional<String> modelFailure;
  private final ServerServiceDefinition controlService;
  private final ExecutorService loops;

  private ControlBackend(
      RobotIo io,
      Optional<WorldModel> model,
      Optional<TaskRunner> runner,
      Optional<String> modelFailure,
      ServerServiceDefinition controlService,
      ExecutorService loops) {
    this.io = io;
    this.model = model;
    this.runner = runner;
    this.modelFailure = modelFailure;
    this.controlService = controlService;
    this.loops = loops;
  }

  /**
   * Loads the model and composes the service over {@code io}, which the backend owns from now on.
   *
   * @param config the validated configuration
   * @param io the robot's arm and camera (bridge or sim: chosen by {@link RobotIoFactory})
   * @param clockNanos the monotonic clock the IO stamps frames and states with
   * @param serverVersion reported by GetServerInfo
   */
  public static ControlBackend assemble(
      ServeConfig config, RobotIo io, LongSupplier clockNanos, String serverVersion) {
    // An empty composite registry records nothing.
    return assemble(config, io, clockNanos, serverVersion, new CompositeMeterRegistry());
  }

  /**
   * Loads the model and composes the service over {@code io}, with its meters on {@code registry}:
   * model inference ({@link MeteredWorldModel}), every step and task outcome ({@link
   * ControllerMetrics}, the runner's observer) and the active-task gauge ({@link
   * TaskRunnerMetrics}). The step and outcome series are registered even when the model fails to
   * load, so dashboards show zeros rather than nothing.
   *
   * @param config the validated configuration
   * @param io the robot's arm and camera (bridge or sim: chosen by {@link RobotIoFactory})
   * @param clockNanos the monotonic clock the IO stamps frames and states with
   * @param serverVersion reported by GetServerInfo
   * @param registry where the service's meters live
   */
  public static ControlBackend assemble(
      ServeConfig config,
      RobotIo io,
      LongSupplier clockNanos,
      String serverVersion,
      MeterRegistry registry) {
    Objects.requireNonNull(io, "io");
    ControllerMetrics metrics = new ControllerMetrics();
    metrics.bindTo(registry);
    ExecutorService loops = Executors.newCachedThreadPool(loopThreads(config.robot().robotId()));
    WorldModel model;
    try {
      model =
          new MeteredWorldModel(
              OnnxWorldModel.open(config.model().bundleDir(), config.model().runtime()), registry);
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.error("the model bundle {} failed to load: {}", config.model().bundleDir(), why, e);
      ServerServiceDefinition unavailable =
          UnavailableService.of(
              ControlGrpc.getServiceDescriptor(),
              Status.UNAVAILABLE.withDescription("the world model failed to load: " + why));
      return new ControlBackend(
          io, Optional.empty(), Optional.empty(), Optional.of(why), unavailable, loops);
    }
    try {
      FramePreprocessor preprocessor = FramePreprocessor.of(model.spec());
      SafetyEnvelope envelope = new SafetyEnvelope(config.envelope());
      DiagnosticsGate diagnostics = new DiagnosticsGate(config.diagnostics());
      TaskRunner runner =
          runnerBuilder(config, io, model, preprocessor, envelope, clockNanos, loops)
              .observer(diagnostics.watching(metrics))
              .build();
      new TaskRunnerMetrics(runner).bindTo(registry);
      PlanningProbe probe = new PlanningProbe(model, preprocessor, envelope, clockNanos);
      GoalStore goals = new GoalStore(config.goals().maxCount(), config.goals().maxBytes());
      OperatorService service =
          new OperatorService(
              serverVersion,
              model,
              config.planner(),
              goals,
              probe,
              diagnostics,
              ControlBackend::callerName,
              List.of(runner));
      return new ControlBackend(
          io,
          Optional.of(model),
          Optional.of(runner),
          Optional.empty(),
          service.bindService(),
          loops);
    } catch (RuntimeException e) {
      model.close();
      loops.shutdownNow();
      throw e;
    }
  }

  /**
   * The robot's runner as the backend wires it, all but its observer: the robot's arm, camera and
   * ground truth from {@code io}, the controller and planner settings from {@code config}.
   *
   * @param config the validated configuration
   * @param io the robot's arm and camera
   * @param model the world model the runner plans with
   * @param preprocessor frames to model input, for {@code model}
   * @param envelope the safety envelope every command passes
   * @param clockNanos the monotonic clock of the IO
   * @param loops where task loops run
   */
  public static TaskRunnerBuilder runnerBuilder(
      ServeConfig config,
      RobotIo io,
      WorldModel model,
      FramePreprocessor preprocessor,
      SafetyEnvelope envelope,
      LongSupplier clockNanos,
      ExecutorService loops) {
    return TaskRunner.builder()
        .robotId(config.robot().robotId())
        .arm(io.arm())
        .camera(io.camera())
        .worldModel(model)
        .preprocessor(preprocessor)
        .envelope(envelope)
        .controllerConfig(config.controller())
        .plannerDefaults(config.planner())
        .clockNanos(clockNanos)
        .loopExecutor(loops)
        .groundTruth(io.groundTruth());
  }

  /** The current call's principal (set by the security interceptor), for per-caller bounds. */
  private static String callerName() {
    return Principal.current().orElse(Principal.ANONYMOUS).name();
  }

  private static ThreadFactory loopThreads(String robotId) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "task-loop-" + robotId + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Returns the operator API's service definition (UNAVAILABLE everywhere without a model). */
  public ServerServiceDefinition controlService() {
    return controlService;
  }

  /** Returns why the model failed to load; empty when it loaded. */
  public Optional<String> modelFailure() {
    return modelFailure;
  }

  /** Returns the loaded model, empty when it failed to load. */
  public Optional<WorldModel> model() {
    return model;
  }

  /** Returns the robot's IO. */
  public RobotIo io() {
    return io;
  }

  /** Checks that the robot answers: one arm state read (the health probe). */
  public void probeRobot() throws Exception {
    io.arm().read();
  }

  /**
   * Stops the arm now if a task runs (emergency stop: cancel, stop, latch so nothing new starts)
   * and waits until the task's loop has ended with the arm stopped. Never throws.
   */
  public void stopTasks(String reason) {
    if (runner.isEmpty()) {
      return;
    }
    TaskRunner r = runner.get();
    try {
      if (r.activeTaskId().isPresent()) {
        r.emergencyStop(reason);
      }
      r.close();
    } catch (RuntimeException e) {
      LOG.error("stopping the task of robot '{}' failed", r.robotId(), e);
    }
  }

  /** Stops tasks (if not done yet), then closes the loop threads, the IO and the model. */
  @Override
  public void close() {
    stopTasks("the server is shutting down");
    loops.shutdownNow();
    io.close();
    model.ifPresent(m -> {
      try {
        m.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the model failed", e);
      }
    });
  }
}
