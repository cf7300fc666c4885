package dev.latentmpc.bench.closedloop;

import java.util.List;
import java.util.Locale;

/** The benchmark's printed table. */
final class BenchTable {

  private BenchTable() {}

  /**
   * The printed table, one row per task and way of running it (gripper, schedule): the success rate
   * with its 95 % Wilson interval, the failures by cause, final distance, steps, planning latency,
   * wall time and the successes per object.
   */
  public static String of(List<TaskSummary> rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-18s %-8s %-17s %4s %17s  %-24s %15s %5s %13s %7s  %s%n",
            "",
            "",
            "",
            "",
            "success, 95 % CI",
            "failures (see below)",
            "final dist [m]",
            "",
            "plan [ms]",
            "",
            "successes"));
    b.append(
        String.format(
            Locale.ROOT,
            "%-18s %-8s %-17s %4s %6s %10s  %4s %4s %4s %4s %4s %7s %7s %5s %6s %6s %7s  %s%n",
            "task",
            "gripper",
            "schedule",
            "eps",
            "rate",
            "interval",
            "ng",
            "dc",
            "po",
            "to",
            "flt",
            "mean",
            "median",
            "steps",
            "p50",
            "p95",
            "wall [s]",
            "cube    cup"));
    for (TaskSummary r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-18s %-8s %-17s %4d %5.1f%% %4.0f-%3.0f%%  %4d %4d %4d %4d %4d %7.3f %7.3f %5.1f"
                  + " %6.0f %6.0f %7.0f  %-7s %s%n",
              r.task().cliName(),
              r.row().gripper(),
              r.row().schedule().label(),
              r.episodes(),
              100 * r.successRate(),
              100 * r.interval().low(),
              100 * r.interval().high(),
              r.failures(FailureCause.NEVER_GRASPED),
              r.failures(FailureCause.DROPPED_IN_CARRY),
              r.failures(FailureCause.PLACED_OFF_TARGET),
              r.failures(FailureCause.TIMED_OUT),
              r.failures(FailureCause.FAULT) + r.failures(FailureCause.UNKNOWN),
              r.finalDistanceMeanM(),
              r.finalDistanceMedianM(),
              r.stepsMean(),
              r.planP50Seconds() * 1e3,
              r.planP95Seconds() * 1e3,
              r.wallSeconds(),
              r.cubeSuccesses() + "/" + r.cubeEpisodes(),
              r.cupSuccesses() + "/" + r.cupEpisodes()));
    }
    b.append(
        "failures: ng never grasped, dc dropped in carry, po placed off target, to timed out,"
            + " flt fault or no ground truth; scripted: the gripper moved by the public cem's"
            + " hooks, the arm by the model\n");
    return b.toString();
  }
}
