package dev.latentmpc.simharness.cli;

import dev.latentmpc.simharness.task.TaskKind;
import java.util.ArrayList;
import java.util.List;

/** Parses task names into {@link TaskKind}s with a one-line error that lists the valid names. */
final class TaskOption {
  private TaskOption() {}

  /** One task name. */
  static TaskKind parse(String name) {
    try {
      return TaskKind.parse(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "unknown task '" + name + "'; pass --task with one of: " + TaskKind.validNames());
    }
  }

  /** Comma-separated names, or {@code all}. */
  static List<TaskKind> parseList(String names) {
    if (names.strip().equalsIgnoreCase("all")) {
      return List.of(TaskKind.values());
    }
    List<TaskKind> tasks = new ArrayList<>();
    for (String name : names.split(",")) {
      TaskKind t = parse(name);
      if (!tasks.contains(t)) {
        tasks.add(t);
      }
    }
    return tasks;
  }
}
