package dev.latentmpc.simharness.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The four tasks, with the names the CLI and datasets use. */
public enum SimTask {
  /** Move the end effector within 4 cm of a target point. */
  REACH("reach"),
  /** Grasp the object and lift it at least 5 cm. */
  GRASP("grasp"),
  /** Grasp the object and bring the end effector within 4 cm of a target point. */
  REACH_WITH_OBJECT("reach-with-object"),
  /** Grasp the object and put it down within 5 cm of a target on the table. */
  PICK_AND_PLACE("pick-and-place");

  private final String cliName;

  SimTask(String cliName) {
    this.cliName = cliName;
  }

  /** The lower-case, hyphenated name ("reach-with-object"). */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses a task name: the CLI name, case-insensitive, with '_' accepted for '-'.
   *
   * @param name e.g. "pick-and-place"
   * @return the task
   * @throws IllegalArgumentException naming the valid names
   */
  public static SimTask parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (SimTask t : values()) {
      if (t.cliName.equals(n)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown task '" + name + "'; valid tasks: " + validNames());
  }

  /** The valid names, comma-separated. */
  public static String validNames() {
    return Arrays.stream(values()).map(SimTask::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
