package dev.latentmpc.controller.service;

import dev.latentmpc.controller.task.TaskRunner;
import io.grpc.Status;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The service's task runners by robot id, and how a request's {@code robot_id} selects them. */
final class Robots {

  private final Map<String, TaskRunner> byId = new LinkedHashMap<>();

  Robots(List<TaskRunner> runners) {
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
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} for an empty id on a server
   *     with several robots, {@code NOT_FOUND} for an unknown id
   */
  TaskRunner get(String robotId) {
    if (robotId.isEmpty()) {
      if (byId.size() == 1) {
        return byId.values().iterator().next();
      }
      throw RequestMapping.invalid("robot_id is required: this server drives " + ids());
    }
    TaskRunner runner = byId.get(robotId);
    if (runner == null) {
      throw Status.NOT_FOUND
          .withDescription("no robot '" + robotId + "'; this server drives " + ids())
          .asRuntimeException();
    }
    return runner;
  }

  /** Returns the runner of {@code robotId}, or every runner when it is empty. */
  Collection<TaskRunner> selected(String robotId) {
    return robotId.isEmpty() ? all() : List.of(get(robotId));
  }

  /** Returns every runner. */
  Collection<TaskRunner> all() {
    return byId.values();
  }

  /** Returns the robot ids, in the order given. */
  List<String> ids() {
    return List.copyOf(byId.keySet());
  }
}
