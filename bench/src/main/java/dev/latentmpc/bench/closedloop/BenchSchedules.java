package dev.latentmpc.bench.closedloop;

import dev.latentmpc.simharness.task.SimTask;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed schedules the benchmark runs: moves per goal image of each task, from the defaults and
 * the {@code --max-steps TASK=N} (pick-and-place {@code TASK=A/B/C}) overrides.
 */
public final class BenchSchedules {
  /**
   * Moves per goal unless overridden: room for the planner's at most ≈5 cm per step on the sim's
   * start-to-goal distances for the single-goal tasks (an episode ends earlier when it succeeds),
   * the paper's 4/10/4 for pick-and-place.
   */
  public static final Map<SimTask, List<Integer>> DEFAULTS =
      Map.of(
          SimTask.REACH, List.of(20),
          SimTask.GRASP, List.of(25),
          SimTask.REACH_WITH_OBJECT, List.of(30),
          SimTask.PICK_AND_PLACE, ClosedLoopRunner.PICK_AND_PLACE_SCHEDULE);

  private BenchSchedules() {}

  /**
   * Returns every task's schedule: the defaults with {@code overrides} applied.
   *
   * @param overrides task name to moves, "N", or "A/B/C" for pick-and-place's three goals
   * @throws IllegalArgumentException naming the bad entry
   */
  public static Map<SimTask, List<Integer>> withOverrides(Map<String, String> overrides) {
    Map<SimTask, List<Integer>> schedules = new EnumMap<>(DEFAULTS);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      SimTask k = SimTask.parse(e.getKey());
      schedules.put(k, parse(k, e.getValue()));
    }
    return schedules;
  }

  private static List<Integer> parse(SimTask k, String value) {
    int goals = DEFAULTS.get(k).size();
    String[] parts = value.split("/", -1);
    if (parts.length != goals) {
      throw new IllegalArgumentException(
          "--max-steps: "
              + k.cliName()
              + " takes "
              + (goals == 1 ? "one number" : goals + " numbers like 4/10/4")
              + ", got '"
              + value
              + "'");
    }
    List<Integer> schedule = new ArrayList<>();
    for (String part : parts) {
      int n;
      try {
        n = Integer.parseInt(part.trim());
      } catch (NumberFormatException ex) {
        n = 0;
      }
      if (n < 1 || n > 1_000) {
        throw new IllegalArgumentException(
            "--max-steps: " + k.cliName() + " moves must be in [1, 1000], got '" + part + "'");
      }
      schedule.add(n);
    }
    return List.copyOf(schedule);
  }
}
