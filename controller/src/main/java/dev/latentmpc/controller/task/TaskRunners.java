package dev.latentmpc.controller.task;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server's task runners by robot id, and how a request's {@code robot_id} or {@code task_id}
 * selects them. Error messages name those request fields.
 */
public final class TaskRunners {

  private final Map<String, TaskRunner> byId = new LinkedHashMap<>();

  /**
   * Holds {@code runners}, in order.
   *
   * @throws IllegalArgumentException if there are none or two share a robot id
   */
  public TaskRunners(List<TaskRunner> runners) {
    if (runners.isEmpty()) {
      throw new IllegalArgumentException("at least one robot is needed");
    }
    for (TaskRunner runner : runners) {
      if (byId.putIfAbsent(runner.robotId(), runner) != null) {
        throw new IllegalArgumentException("robot id '" + runner.robotId() + "' appears twice");
      }
    }
  }

  /**
   * Returns the runner of {@code robotId}; empty selects the only robot.
   *
   * @throws TaskException.Invalid for an empty id on a server with several robots
   * @throws TaskException.NotFound for an unknown id
   */
  public TaskRunner get(String robotId) {
    if (robotId.isEmpty()) {
      if (byId.size() == 1) {
        return byId.values().iterator().next();
      }
      throw new TaskException.Invalid("robot_id is required: this server drives " + ids());
    }
    TaskRunner runner = byId.get(robotId);
    if (runner == null) {
      throw new TaskException.NotFound("no robot '" + robotId + "'; this server drives " + ids());
    }
    return runner;
  }

  /** Returns the runner of {@code robotId}, or every runner when it is empty. */
  public Collection<TaskRunner> selected(String robotId) {
    return robotId.isEmpty() ? byId.values() : List.of(get(robotId));
  }

  /**
   * Cancels the running task with id {@code taskId}, whichever robot runs it.
   *
   * @return the id of the robot that ran it
   * @throws TaskException.Invalid for an empty id
   * @throws TaskException.NotFound when no robot runs such a task (it may have ended)
   */
  public String cancel(String taskId, String reason) {
    if (taskId.isEmpty()) {
      throw new TaskException.Invalid("task_id is required");
    }
    for (TaskRunner runner : byId.values()) {
      if (runner.cancel(taskId, reason)) {
        return runner.robotId();
      }
    }
    throw new TaskException.NotFound("no running task has id '" + taskId + "' (it may have ended)");
  }

  /** Returns the robot ids, in the order given. */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }
}
