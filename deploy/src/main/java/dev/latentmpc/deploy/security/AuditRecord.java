package dev.latentmpc.deploy.security;

import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.EmergencyStopRequest;
import dev.latentmpc.proto.control.v1.ResetEmergencyStopRequest;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.proto.control.v1.UploadGoalResponse;
import io.grpc.Status;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * What the audit log records of one command call, filled in as the call goes: the request's key
 * arguments, the response's ids, and at the end the status. A StartTask writes two lines: {@value
 * #ACCEPTED} when its task started (who started what, when), and the usual one with the status when
 * its stream ends.
 */
final class AuditRecord {
  /** The outcome of the line a StartTask writes when its task starts. */
  static final String ACCEPTED = "ACCEPTED";

  final String rpc;
  private final AuditSink audit;
  private final Clock clock;
  private final UnaryOperator<String> resolveRobot;
  private final Map<String, String> arguments = new LinkedHashMap<>(); // guarded by this
  private final AtomicBoolean done = new AtomicBoolean();
  volatile Principal principal;
  volatile String robot = "";
  volatile String taskId;

  /**
   * Starts the record of one call.
   *
   * @param rpc the method's bare name
   * @param audit where the lines go
   * @param clock stamps them
   * @param resolveRobot maps a request's robot id (empty: the server's only robot) to the robot
   */
  AuditRecord(String rpc, AuditSink audit, Clock clock, UnaryOperator<String> resolveRobot) {
    this.rpc = rpc;
    this.audit = audit;
    this.clock = clock;
    this.resolveRobot = resolveRobot;
  }

  /** Notes the request's arguments and the robot it addresses ({@code *}: all). */
  synchronized void request(Object message) {
    switch (message) {
      case UploadGoalRequest r ->
          arguments.put("image_bytes", Integer.toString(r.getImage().getSerializedSize()));
      case StartTaskRequest r -> {
        robot = resolveRobot.apply(r.getRobotId());
        arguments.put("kind", r.getKind().name());
        arguments.put("goal_ids", String.join(",", r.getGoalIdsList()));
        arguments.put("preempt", Boolean.toString(r.getPreempt()));
        if (!r.getTaskId().isEmpty()) {
          arguments.put("task_id", r.getTaskId());
        }
      }
      case CancelRequest r -> arguments.put("task_id", r.getTaskId());
      case EmergencyStopRequest r -> {
        robot = r.getRobotId().isEmpty() ? "*" : r.getRobotId();
        arguments.put("reason", r.getReason());
      }
      case ResetEmergencyStopRequest r -> robot = r.getRobotId().isEmpty() ? "*" : r.getRobotId();
      default -> {}
    }
  }

  /**
   * Notes the response's ids; a StartTask's first update (its task started) writes the {@value
   * #ACCEPTED} line.
   *
   * @return the started task's id when this response started one
   */
  String response(Object message) {
    if (message instanceof UploadGoalResponse r) {
      synchronized (this) {
        arguments.put("goal_id", r.getGoalId());
      }
    } else if (message instanceof TaskUpdate u && u.hasStarted()) {
      synchronized (this) {
        taskId = u.getStarted().getTaskId();
        arguments.put("task_id", taskId);
        robot = u.getStarted().getRobotId();
      }
      write(ACCEPTED, "the task started; its outcome follows when the stream ends");
      return taskId;
    }
    return null;
  }

  /** Writes the line of the ended (or refused) call; only the first call counts. */
  void finish(Status status) {
    if (done.compareAndSet(false, true)) {
      write(
          status.getCode().name(), status.getDescription() == null ? "" : status.getDescription());
    }
  }

  private void write(String outcome, String detail) {
    Principal p = principal;
    Map<String, String> args;
    synchronized (this) {
      args = Map.copyOf(arguments);
    }
    audit.record(
        new AuditEvent(
            clock.instant(),
            p == null ? "-" : p.name(),
            p == null ? "-" : p.role().label(),
            rpc,
            robot,
            args,
            outcome,
            detail));
  }
}
