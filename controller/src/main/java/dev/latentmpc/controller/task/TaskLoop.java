package dev.latentmpc.controller.task;

import dev.latentmpc.camera.CameraFrameMismatchException;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.loop.EpisodeController;
import dev.latentmpc.controller.loop.EpisodeFailedException;
import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.EpisodeStatus;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's life on the loop thread: wait for the task it preempted to end, check that arm and
 * camera answer, then start → step until done → end (always, in {@code finally}, which stops the
 * arm), reporting to the listener. Cancellation may come from any thread.
 */
final class TaskLoop implements Runnable, TaskHandle {

  private static final Logger log = LoggerFactory.getLogger(TaskLoop.class);

  private final LoopParts parts;
  private final ResolvedTask task;
  private final TaskListener listener;
  private final TaskLoop previous;
  private final CountDownLatch done = new CountDownLatch(1);
  private final long acceptedNanos;
  private boolean running; // guarded by this
  private boolean finished; // guarded by this
  private String cancelReason; // guarded by this
  private volatile int steps;
  private volatile int subgoalIndex;

  TaskLoop(LoopParts parts, ResolvedTask task, TaskListener listener, TaskLoop previous) {
    this.parts = parts;
    this.task = task;
    this.listener = listener;
    this.previous = previous;
    acceptedNanos = parts.clockNanos().getAsLong();
  }

  @Override
  public String taskId() {
    return task.taskId();
  }

  @Override
  public synchronized void cancel(String reason) {
    if (finished) {
      return;
    }
    if (cancelReason == null) {
      cancelReason = reason;
    }
    if (running) {
      parts.controller().requestCancel();
    }
  }

  @Override
  public void run() {
    try {
      if (previous != null) {
        previous.awaitDone();
      }
      Optional<TaskException> unavailable = probeDevices();
      if (unavailable.isPresent()) {
        finish();
        listener.onRejected(unavailable.get());
        return;
      }
      listener.onStarted(started());
      EpisodeOutcome outcome = cancelled() ? cancelledBeforeStart() : runEpisode();
      finish();
      listener.onOutcome(outcome);
    } finally {
      finish();
    }
  }

  private TaskStarted started() {
    return new TaskStarted(
        task.taskId(),
        parts.robotId(),
        task.kind(),
        task.spec().seed(),
        task.planner(),
        task.spec().schedule(),
        Optional.ofNullable(previous).map(TaskLoop::taskId),
        task.spec().goalSampling());
  }

  /**
   * Returns why the task cannot start: the arm or the camera does not answer, or the camera answers
   * with frames of the wrong size.
   */
  private Optional<TaskException> probeDevices() {
    String robot = "robot '" + parts.robotId() + "': ";
    try {
      parts.arm().read();
      parts.camera().latest();
      return Optional.empty();
    } catch (ArmUnavailableException e) {
      return Optional.of(
          new TaskException(
              TaskException.Kind.UNAVAILABLE, robot + "arm unavailable: " + e.getMessage()));
    } catch (CameraFrameMismatchException e) {
      return Optional.of(
          new TaskException(
              TaskException.Kind.MISCONFIGURED, robot + "camera misconfigured: " + e.getMessage()));
    } catch (CameraUnavailableException e) {
      return Optional.of(
          new TaskException(
              TaskException.Kind.UNAVAILABLE, robot + "camera unavailable: " + e.getMessage()));
    }
  }

  private EpisodeOutcome runEpisode() {
    EpisodeController controller = parts.controller();
    RuntimeException fault = null;
    EpisodeOutcome ended;
    try {
      parts.planners().use(task.planner());
      controller.start(task.spec());
      markRunning();
      stepUntilDone(controller);
    } catch (EpisodeFailedException e) {
      // The controller finished the episode as FAILED and stopped the arm; end() reports it.
      log.debug("task '{}' failed", task.taskId(), e);
    } catch (RuntimeException e) {
      log.error("task '{}' could not run", task.taskId(), e);
      fault = e;
    } finally {
      ended = controller.end(cancelled());
    }
    return explain(ended, fault);
  }

  private void stepUntilDone(EpisodeController controller) {
    while (!controller.isDone()) {
      StepEvent event = controller.step();
      steps = event.stepIndex() + 1;
      subgoalIndex = event.subgoalIndex();
      listener.onStep(event, frameFor(event));
    }
  }

  private Optional<RgbImage> frameFor(StepEvent event) {
    if (task.thumbnailMaxSidePx() == 0) {
      return Optional.empty();
    }
    return parts.camera().frame(event.frameSequence()).map(frame -> frame.image());
  }

  /** Puts the cancellation reason or the fault into the outcome the controller reported. */
  private EpisodeOutcome explain(EpisodeOutcome ended, RuntimeException fault) {
    String reason = cancelReason();
    if (fault != null) {
      String why = "could not run: " + fault.getClass().getSimpleName() + ": " + fault.getMessage();
      String stop = ended.status() == EpisodeStatus.FAILED ? "; " + ended.reason().orElse("") : "";
      return new EpisodeOutcome(
          task.taskId(), EpisodeStatus.FAILED, Optional.of(why + stop), steps, subgoalIndex, 0);
    }
    if (ended.status() == EpisodeStatus.CANCELLED && reason != null) {
      return new EpisodeOutcome(
          ended.taskId(),
          ended.status(),
          Optional.of(reason),
          ended.steps(),
          ended.subgoalIndex(),
          ended.durationNanos());
    }
    return ended;
  }

  private EpisodeOutcome cancelledBeforeStart() {
    return new EpisodeOutcome(
        task.taskId(), EpisodeStatus.CANCELLED, Optional.ofNullable(cancelReason()), 0, 0, 0);
  }

  private synchronized void markRunning() {
    running = true;
    if (cancelReason != null) {
      parts.controller().requestCancel();
    }
  }

  private synchronized boolean cancelled() {
    return cancelReason != null;
  }

  private synchronized String cancelReason() {
    return cancelReason;
  }

  private void finish() {
    synchronized (this) {
      running = false;
      finished = true;
    }
    done.countDown();
  }

  /** Marks a loop that will never run (its executor refused it) as finished. */
  void abandon() {
    finish();
  }

  synchronized boolean isFinished() {
    return finished;
  }

  /** Waits, uninterruptibly, until this loop has ended its episode and stopped the arm. */
  void awaitDone() {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until this loop has ended or the timeout passes; returns whether it ended. */
  boolean awaitDone(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Returns the running task's progress. */
  ActiveTaskStatus progress() {
    long runningNanos = parts.clockNanos().getAsLong() - acceptedNanos;
    return new ActiveTaskStatus(
        task.taskId(),
        task.kind(),
        steps,
        subgoalIndex,
        task.spec().schedule().goals(),
        runningNanos);
  }
}
