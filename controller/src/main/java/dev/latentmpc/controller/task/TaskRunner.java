package dev.latentmpc.controller.task;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.StateConventionCheck;
import dev.latentmpc.controller.arm.StateConventionException;
import dev.latentmpc.controller.loop.EpisodeController;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.worldmodel.WorldModel;
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
 * <p>A second {@link #start} fails with {@link TaskException.Busy} unless it asks to preempt; then
 * the running task is cancelled and the new one waits until the old one has ended and stopped the
 * arm. {@link #emergencyStop} stops the arm at once from the caller's thread, cancels the task and
 * latches: moves are refused and {@code start} fails ({@link TaskException.Latched}) until {@link
 * #resetEmergencyStop}. Built with {@link #builder()}. All public methods are thread-safe.
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

  TaskRunner(TaskRunnerBuilder b) {
    this.observer = Objects.requireNonNull(b.observer, "observer");
    this.robotId = Objects.requireNonNull(b.robotId, "robotId");
    this.arm = new GuardedArm(Objects.requireNonNull(b.arm, "arm"));
    this.worldModel = Objects.requireNonNull(b.worldModel, "worldModel");
    this.plannerDefaults = Objects.requireNonNull(b.plannerDefaults, "plannerDefaults");
    this.loopExecutor = Objects.requireNonNull(b.loopExecutor, "loopExecutor");
    LongSupplier clockNanos = Objects.requireNonNull(b.clockNanos, "clockNanos");
    if (worldModel.spec().energyGraph(plannerDefaults.horizon()).isEmpty()) {
      throw new IllegalArgumentException(
          "planner default horizon "
              + plannerDefaults.horizon()
              + " is not exported by the bundle; exported: "
              + worldModel.spec().energyHorizons());
    }
    FrameTap tap = new FrameTap(Objects.requireNonNull(b.camera, "camera"));
    SwitchablePlannerFactory planners = new SwitchablePlannerFactory(plannerDefaults, clockNanos);
    EpisodeController controller =
        new EpisodeController(
            this.arm,
            tap,
            worldModel,
            Objects.requireNonNull(b.preprocessor, "preprocessor"),
            planners,
            Objects.requireNonNull(b.envelope, "envelope"),
            clockNanos,
            Objects.requireNonNull(b.controllerConfig, "controllerConfig"));
    parts = new LoopParts(robotId, controller, planners, this.arm, tap, clockNanos);
    // Only for seeds and ids a request leaves out; both are reported, so runs stay replayable.
    resolver =
        new TaskResolver(
            plannerDefaults,
            worldModel.spec().energyHorizons(),
            new SplittableRandom(),
            Objects.requireNonNull(b.groundTruth, "groundTruth"));
  }

  /** Returns a builder of an idle runner; every setter without a default must be called. */
  public static TaskRunnerBuilder builder() {
    return new TaskRunnerBuilder();
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
   * @throws TaskException.Invalid for a request outside the limits
   * @throws TaskException.Misconfigured when the arm's state convention is not the model's, or the
   *     arm reports none
   * @throws TaskException.Latched while the emergency stop is latched
   * @throws TaskException.Busy while another task runs and the request does not preempt it
   * @throws TaskException.Unavailable if the arm cannot be asked for its state convention, or the
   *     executor refuses the loop (shutting down)
   */
  public TaskHandle start(TaskRequest request, TaskListener listener) {
    ResolvedTask task = resolver.resolve(request);
    requireMatchingConvention();
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

  /**
   * Asks the arm what its states mean, before anything else moves it: a model plans silently wrong
   * on states of another point of the hand, so a mismatch refuses the task (one arm call, outside
   * the lock). It runs before a preempted task is cancelled, so a refused request leaves the
   * running task alone.
   */
  private void requireMatchingConvention() {
    try {
      StateConventionCheck.require(worldModel.spec().stateConvention(), arm.stateConvention());
    } catch (StateConventionException e) {
      throw new TaskException.Misconfigured("robot '" + robotId + "': " + e.getMessage());
    } catch (ArmUnavailableException e) {
      throw new TaskException.Unavailable(
          "robot '"
              + robotId
              + "': arm unavailable: cannot read its state convention: "
              + e.getMessage());
    }
  }

  /** Returns the running task (null when idle), or throws why a new one may not start. */
  private TaskLoop runningUnlessRefused(boolean preempt) {
    if (latchReason != null) {
      throw new TaskException.Latched(
          "emergency stop latched on robot '"
              + robotId
              + "' ("
              + latchReason
              + "); call ResetEmergencyStop first");
    }
    TaskLoop running = active != null && !active.isFinished() ? active : null;
    if (running != null && !preempt) {
      throw new TaskException.Busy(
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
      throw new TaskException.Unavailable("the server is shutting down; no new tasks");
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
}
