package dev.latentmpc.simharness.cli;

import dev.latentmpc.simharness.task.TaskKind;
import java.util.ArrayList;
import java.util.List;

/** Parses task names into {@link TaskKind}s with a one-line error that lists the valid names. */
public final class TaskOption {
  private TaskOption() {}

  /** Returns the task named {@code name}, or throws a {@link UsageException} listing them. */
  public static TaskKind parse(String name) {
    try {
      return TaskKind.parse(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "unknown task '" + name + "'; pass --task with one of: " + TaskKind.validNames());
    }
  }

  /** Returns the tasks of comma-separated names, or all of them for {@code all}. */
  public static List<TaskKind> parseList(String names) {
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
