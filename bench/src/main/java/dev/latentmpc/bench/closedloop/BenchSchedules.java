package dev.latentmpc.bench.closedloop;

import dev.latentmpc.simharness.task.SimTask;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The schedules the benchmark runs: moves per goal image of each task, from the defaults and the
 * {@code --max-steps TASK=N} (pick-and-place {@code TASK=A/B/C}, either with an {@code energy=E:}
 * prefix) overrides.
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
   * @param overrides task name to moves, "N", or "A/B/C" for pick-and-place's three goals, either
   *     optionally prefixed by "energy=E:"
   * @throws IllegalArgumentException naming the bad entry
   */
  public static Map<SimTask, BenchSchedule> withOverrides(Map<String, String> overrides) {
    Map<SimTask, BenchSchedule> schedules = new EnumMap<>(SimTask.class);
    DEFAULTS.forEach(
        (k, v) -> schedules.put(k, new BenchSchedule(v, java.util.OptionalDouble.empty())));
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      SimTask k = SimTask.parse(e.getKey());
      schedules.put(k, BenchSchedule.parse("--max-steps", k, e.getValue()));
    }
    return schedules;
  }
}
