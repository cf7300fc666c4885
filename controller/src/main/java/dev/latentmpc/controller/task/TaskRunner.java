package dev.latentmpc.controller.task;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.loop.ControllerConfig;
import dev.latentmpc.controller.loop.EpisodeController;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a robot's arm: runs at most one task at a time, each on a loop thread taken from
 * the injected executor, through one {@link EpisodeController}.
 *
 * <p>A second {@link #start} fails with {@code FAILED_PRECONDITION} unless it asks to preempt; then
 * the running task is cancelled and the new one waits until the old one has ended and stopped the
 * arm. {@link #emergencyStop} stops the arm at once from the caller's thread, cancels the task and
 * latches: moves are refused and {@code start} fails until {@link #resetEmergencyStop}. All public
 * methods are thread-safe.
 */
public final class TaskRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

  /** Longest {@link #close()} waits for the running task to end. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(2);

  private final String robotId;
  private final GuardedArm arm;
  private final WorldModel worldModel;
  private final CemConfig plannerDefaults;
  private final Executor loopExecutor;
  private final LoopParts parts;
  private final TaskResolver resolver;
  private final TaskListener observer;
  private final Object lock = new Object();
  private TaskLoop active; // guarded by lock
  private String latchReason; // guarded by lock

  /**
   * Creates an idle runner.
   *
   * @param robotId the robot's name in the API
   * @param arm the arm; its {@code stop()} must be callable while a move blocks on another thread
   * @param camera the camera observing the scene
   * @param worldModel encodes frames and goals and scores plans (shared, thread-safe)
   * @param preprocessor turns frames and goal images into encoder clips
   * @param envelope bounds every command
   * @param controllerConfig loop settings (frame age, move timeout, planning budget, holds)
   * @param plannerDefaults planner settings a task gets without overrides, e.g. {@link
   *     PlannerLimits#serviceDefaults()}; its horizon must be exported by the bundle
   * @param clockNanos monotonic clock, the one the camera stamps frames with
   * @param loopExecutor runs each task's loop; must not run it on the caller's thread
   */
  public TaskRunner(
      String robotId,
      ArmIO arm,
      CameraIO camera,
      WorldModel worldModel,
      FramePreprocessor preprocessor,
      SafetyEnvelope envelope,
      ControllerConfig controllerConfig,
      CemConfig plannerDefaults,
      LongSupplier clockNanos,
      Executor loopExecutor) {
    this(
        robotId,
        arm,
        camera,
        worldModel,
        preprocessor,
        envelope,
        controllerConfig,
        plannerDefaults,
        clockNanos,
        loopExecutor,
        ObservedTaskListener.NONE);
  }

  /**
   * Creates an idle runner, as the constructor above, whose every task also reports to {@code
   * observer}: it sees each event before the task's own listener (so a client that has its outcome
   * finds it counted). The observer is how metrics see the loop ({@code ControllerMetrics}); an
   * exception it throws is logged and ignored.
   */
  public TaskRunner(
      String robotId,
      ArmIO arm,
      CameraIO camera,
      WorldModel worldModel,
      FramePreprocessor preprocessor,
      SafetyEnvelope envelope,
      ControllerConfig controllerConfig,
      CemConfig plannerDefaults,
      LongSupplier clockNanos,
      Executor loopExecutor,
      TaskListener observer) {
    this(
        robotId,
        arm,
        camera,
        worldModel,
        preprocessor,
        envelope,
        controllerConfig,
        plannerDefaults,
        clockNanos,
        loopExecutor,
        observer,
        GroundTruth.NONE);
  }

  /**
   * Creates an idle runner, as the constructor above, whose tasks that name no reach target take
   * their success check from {@code groundTruth} (the simulator's scene; {@link GroundTruth#NONE}
   * on a real robot).
   */
  public TaskRunner(
      String robotId,
      ArmIO arm,
      CameraIO camera,
      WorldModel worldModel,
      FramePreprocessor preprocessor,
      SafetyEnvelope envelope,
      ControllerConfig controllerConfig,
      CemConfig plannerDefaults,
      LongSupplier clockNanos,
      Executor loopExecutor,
      TaskListener observer,
      GroundTruth groundTruth) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.robotId = Objects.requireNonNull(robotId, "robotId");
    this.arm = new GuardedArm(Objects.requireNonNull(arm, "arm"));
    this.worldModel = Objects.requireNonNull(worldModel, "worldModel");
    this.plannerDefaults = Objects.requireNonNull(plannerDefaults, "plannerDefaults");
    this.loopExecutor = Objects.requireNonNull(loopExecutor, "loopExecutor");
    if (worldModel.spec().energyGraph(plannerDefaults.horizon()).isEmpty()) {
      throw new IllegalArgumentException(
          "planner default horizon "
              + plannerDefaults.horizon()
              + " is not exported by the bundle; exported: "
              + worldModel.spec().energyHorizons());
    }
    FrameTap tap = new FrameTap(Objects.requireNonNull(camera, "camera"));
    SwitchablePlannerFactory planners = new SwitchablePlannerFactory(plannerDefaults, clockNanos);
    EpisodeController controller =
        new EpisodeController(
            this.arm,
            tap,
            worldModel,
            preprocessor,
            planners,
            envelope,
            clockNanos,
            controllerConfig);
    parts = new LoopParts(robotId, controller, planners, this.arm, tap, clockNanos);
    // Only for seeds and ids a request leaves out; both are reported, so runs stay replayable.
    resolver =
        new TaskResolver(
            plannerDefaults,
            worldModel.spec().energyHorizons(),
            new SplittableRandom(),
            Objects.requireNonNull(groundTruth, "groundTruth"));
  }

  /** Returns the robot's name. */
  public String robotId() {
    return robotId;
  }

  /** Returns the planner settings a task gets without overrides. */
  public CemConfig plannerDefaults() {
    return plannerDefaults;
  }

  /** Returns the world model the runner plans with. */
  public WorldModel worldModel() {
    return worldModel;
  }

  /**
   * Validates and starts a task; its progress goes to {@code listener} on the loop thread.
   *
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} for a request outside the
   *     limits, {@code FAILED_PRECONDITION} while the emergency stop is latched or another task
   *     runs (without preempt), {@code UNAVAILABLE} if the executor refuses the loop
   */
  public TaskHandle start(TaskRequest request, TaskListener listener) {
    ResolvedTask task = resolver.resolve(request);
    TaskLoop loop;
    synchronized (lock) {
      TaskLoop running = runningUnlessRefused(request.preempt());
      loop = new TaskLoop(parts, task, new ObservedTaskListener(observer, listener), running);
      if (running != null) {
        running.cancel("preempted by task '" + task.taskId() + "'");
      }
      active = loop;
    }
    execute(loop);
    log.info("robot '{}': task '{}' accepted", robotId, task.taskId());
    return loop;
  }

  /** Returns the running task (null when idle), or throws why a new one may not start. */
  private TaskLoop runningUnlessRefused(boolean preempt) {
    if (latchReason != null) {
      throw failedPrecondition(
          "emergency stop latched on robot '"
              + robotId
              + "' ("
              + latchReason
              + "); call ResetEmergencyStop first");
    }
    TaskLoop running = active != null && !active.isFinished() ? active : null;
    if (running != null && !preempt) {
      throw failedPrecondition(
          "robot '"
              + robotId
              + "' is running task '"
              + running.taskId()
              + "'; wait for its outcome, Cancel it, or set preempt");
    }
    return running;
  }

  private void execute(TaskLoop loop) {
    try {
      loopExecutor.execute(loop);
    } catch (RejectedExecutionException e) {
      loop.abandon();
      synchronized (lock) {
        if (active == loop) {
          active = null;
        }
      }
      throw Status.UNAVAILABLE
          .withDescription("the server is shutting down; no new tasks")
          .asRuntimeException();
    }
  }

  /**
   * Cancels the running task if it has id {@code taskId}.
   *
   * @return whether such a task was running
   */
  public boolean cancel(String taskId, String reason) {
    synchronized (lock) {
      if (active == null || active.isFinished() || !active.taskId().equals(taskId)) {
        return false;
      }
      active.cancel(reason);
      return true;
    }
  }

  /** Returns the running task's id, empty when idle. */
  public Optional<String> activeTaskId() {
    synchronized (lock) {
      return active == null || active.isFinished()
          ? Optional.empty()
          : Optional.of(active.taskId());
    }
  }

  /**
   * Latches the emergency stop, cancels the running task and stops the arm now, from this thread.
   *
   * @param reason why, for logs and the cancelled task's outcome
   */
  public EmergencyStopResult emergencyStop(String reason) {
    String why = reason.isBlank() ? "emergency stop" : reason;
    Optional<String> cancelled = Optional.empty();
    synchronized (lock) {
      latchReason = why;
      arm.latch();
      if (active != null && !active.isFinished()) {
        active.cancel("emergency stop: " + why);
        cancelled = Optional.of(active.taskId());
      }
    }
    Optional<String> stopError = Optional.empty();
    try {
      arm.stop();
    } catch (ArmUnavailableException | RuntimeException e) {
      stopError = Optional.of(String.valueOf(e.getMessage()));
    }
    log.warn(
        "robot '{}': EMERGENCY STOP ({}); cancelled {}; stop error {}",
        robotId,
        why,
        cancelled,
        stopError);
    return new EmergencyStopResult(robotId, cancelled, stopError);
  }

  /** Clears the emergency stop latch; nothing moves. */
  public void resetEmergencyStop() {
    synchronized (lock) {
      latchReason = null;
      arm.unlatch();
    }
    log.info("robot '{}': emergency stop reset", robotId);
  }

  /** Returns the robot's state; reads the arm once (a failed read is reported, not thrown). */
  public RobotStatus status() {
    Optional<ActiveTaskStatus> task;
    Optional<String> latch;
    synchronized (lock) {
      task =
          active == null || active.isFinished() ? Optional.empty() : Optional.of(active.progress());
      latch = Optional.ofNullable(latchReason);
    }
    try {
      ArmState state = arm.read();
      return new RobotStatus(robotId, Optional.of(state), Optional.empty(), task, latch);
    } catch (ArmUnavailableException | RuntimeException e) {
      return new RobotStatus(
          robotId, Optional.empty(), Optional.of(String.valueOf(e.getMessage())), task, latch);
    }
  }

  /**
   * Waits until no task runs (the last one ended and stopped the arm) or the timeout passes.
   *
   * @return whether the runner is idle
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    TaskLoop last;
    synchronized (lock) {
      last = active;
    }
    return last == null || last.awaitDone(timeout);
  }

  /**
   * Cancels the running task and waits (at most {@link #CLOSE_TIMEOUT}: one step may plan for the
   * whole planning budget) until it has ended and stopped the arm. The arm, camera, model and
   * executor stay open: the composition root closes them afterwards.
   */
  @Override
  public void close() {
    TaskLoop running;
    synchronized (lock) {
      running = active;
    }
    if (running == null) {
      return;
    }
    running.cancel("the server is shutting down");
    try {
      if (!running.awaitDone(CLOSE_TIMEOUT)) {
        log.error(
            "robot '{}': task '{}' did not end within {}",
            robotId,
            running.taskId(),
            CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static io.grpc.StatusRuntimeException failedPrecondition(String description) {
    return Status.FAILED_PRECONDITION.withDescription(description).asRuntimeException();
  }
}
