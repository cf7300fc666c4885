package dev.latentmpc.simharness.cli;

import dev.latentmpc.simharness.task.SimTask;
import java.util.ArrayList;
import java.util.List;

/** Parses task names into {@link SimTask}s with a one-line error that lists the valid names. */
public final class TaskOption {
  private TaskOption() {}

  /** Returns the task named {@code name}, or throws a {@link SimUsageException} listing them. */
  public static SimTask parse(String name) {
    try {
      return SimTask.parse(name);
    } catch (IllegalArgumentException e) {
      throw new SimUsageException(
          "unknown task '" + name + "'; pass --task with one of: " + SimTask.validNames());
    }
  }

  /** Returns the tasks of comma-separated names, or all of them for {@code all}. */
  public static List<SimTask> parseList(String names) {
    if (names.strip().equalsIgnoreCase("all")) {
      return List.of(SimTask.values());
    }
    List<SimTask> tasks = new ArrayList<>();
    for (String name : names.split(",")) {
      SimTask t = parse(name);
      if (!tasks.contains(t)) {
        tasks.add(t);
      }
    }
    return tasks;
  }
}
