package dev.latentmpc.deploy.soak;

import dev.latentmpc.deploy.server.OperatorRequests;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The operator of a soak run: back-to-back reach episodes until the deadline, each a goal upload
 * and a task streamed to its outcome; every {@value #CANCEL_EVERY}th episode is cancelled after its
 * first step. Records each step's planning latency and each episode's outcome. Read the results
 * after the thread running it has been joined.
 */
final class OperatorLoop implements Runnable {
  /** Every this many episodes, one is cancelled after its first step. */
  static final int CANCEL_EVERY = 5;

  /** One step's planning time, stamped with when the client saw it. */
  record PlanSample(double elapsedSeconds, double planSeconds) {}

  /** How one episode ended, and when. */
  record EpisodeEnd(double elapsedSeconds, OutcomeStatus status) {}

  private final ControlGrpc.ControlBlockingStub stub;
  private final UploadGoalRequest goal;
  private final int steps;
  private final LongSupplier nanos;
  private final long startNanos;
  private final long deadlineNanos;

  final List<PlanSample> plans = new ArrayList<>();
  final List<EpisodeEnd> episodes = new ArrayList<>();
  final List<String> errors = new ArrayList<>();
  int started;

  OperatorLoop(
      ControlGrpc.ControlBlockingStub stub,
      UploadGoalRequest goal,
      int steps,
      LongSupplier nanos,
      long startNanos,
      long deadlineNanos) {
    this.stub = stub;
    this.goal = goal;
    this.steps = steps;
    this.nanos = nanos;
    this.startNanos = startNanos;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public void run() {
    while (nanos.getAsLong() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
      try {
        episode(started++);
      } catch (StatusRuntimeException e) {
        errors.add("episode " + (started - 1) + ": " + e.getStatus());
      }
    }
  }

  private void episode(int index) {
    ControlGrpc.ControlBlockingStub call = stub.withDeadlineAfter(5, TimeUnit.MINUTES);
    String goalId = call.uploadGoal(goal).getGoalId();
    boolean cancel = index % CANCEL_EVERY == CANCEL_EVERY - 1;
    // A grasp task on the reach scene: the sim's ground truth (reach) does not apply to it, so
    // every
    // episode runs its fixed steps (a trained model would otherwise end most of them SUCCEEDED
    // after one step, and the load would shrink as the arm stays at the goal).
    Iterator<TaskUpdate> updates =
        call.startTask(
            OperatorRequests.reach(goalId, steps, index).toBuilder()
                .setKind(TaskKind.TASK_KIND_GRASP)
                .build());
    String taskId = null;
    OutcomeStatus outcome = null;
    while (updates.hasNext()) {
      TaskUpdate u = updates.next();
      if (u.hasStarted()) {
        taskId = u.getStarted().getTaskId();
      } else if (u.hasStep()) {
        plans.add(new PlanSample(elapsed(), u.getStep().getLatencies().getPlanSeconds()));
        if (cancel && taskId != null) {
          call.cancel(CancelRequest.newBuilder().setTaskId(taskId).build());
          cancel = false;
        }
      } else if (u.hasOutcome()) {
        outcome = u.getOutcome().getStatus();
      }
    }
    episodes.add(new EpisodeEnd(elapsed(), outcome == null ? OutcomeStatus.UNRECOGNIZED : outcome));
  }

  private double elapsed() {
    return (nanos.getAsLong() - startNanos) / 1e9;
  }

  /** Episodes by outcome. */
  Map<OutcomeStatus, Integer> outcomes() {
    Map<OutcomeStatus, Integer> counts = new EnumMap<>(OutcomeStatus.class);
    episodes.forEach(e -> counts.merge(e.status(), 1, Integer::sum));
    return counts;
  }
}
