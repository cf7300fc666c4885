package dev.latentmpc.bench;

import dev.latentmpc.bench.closedloop.BenchRows;
import dev.latentmpc.bench.closedloop.EpisodeResult;
import dev.latentmpc.bench.closedloop.FailureCause;
import dev.latentmpc.deploy.operator.SamplingSpec;
import dev.latentmpc.proto.control.v1.PlannerOverrides;
import java.util.Locale;

/** The lines {@code bench} prints while it runs: the rows in its header, one line per episode. */
final class BenchLines {

  private BenchLines() {}

  /** A row of the header: task, gripper, schedule, the request's goals and sampling hooks. */
  static String row(BenchRows.Row row) {
    PlannerOverrides planner = row.plan().planner();
    String hooks =
        (planner.hasSampling() ? " sampling " + SamplingSpec.describe(planner.getSampling()) : "")
            + (planner.getSubgoalSamplingCount() > 0
                ? " per goal "
                    + planner.getSubgoalSamplingList().stream()
                        .map(SamplingSpec::describe)
                        .map(d -> d.isEmpty() ? "-" : d)
                        .toList()
                : "");
    return String.format(
        Locale.ROOT,
        "   %-18s %-8s schedule %s: goal images %s, moves %s%s",
        row.task().cliName(),
        row.plan().gripper(),
        row.plan().schedule().label(),
        row.plan().goalImages(),
        row.plan().stepsPerGoal(),
        hooks);
  }

  /** Says which of the seed ranges the seeds fall in: tuning (0-999) or report (1000-1049). */
  static String seedRange(long first, int count) {
    long last = first + count - 1;
    if (first >= 0 && last <= 999) {
      return "tuning range 0-999";
    }
    if (first >= 1000 && last <= 1049) {
      return "report range 1000-1049";
    }
    return "outside the tuning (0-999) and report (1000-1049) ranges";
  }

  /** One line per episode, e.g. {@code reach model 3/50 seed 2: succeeded after 7 steps, ...}. */
  static String progress(EpisodeResult r, int episodes) {
    return String.format(
        Locale.ROOT,
        "%-18s %-8s %4d/%d seed %d: %-9s after %2d steps, distance %.3f -> %.3f m, plan p50 %.0f"
            + " ms, %.1f s%s%s",
        r.task().cliName(),
        r.row().gripper(),
        r.index() + 1,
        episodes,
        r.seed(),
        r.status(),
        r.steps().size(),
        r.initialDistanceM(),
        r.finalDistanceM(),
        r.planPercentileSeconds(50) * 1e3,
        r.wallSeconds(),
        r.status().equals("failed") || r.status().equals("cancelled")
            ? " (" + r.reason() + ")"
            : "",
        FailureCause.of(r).map(c -> ": " + c.label()).orElse(""));
  }
}
