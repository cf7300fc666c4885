package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.EndEffectorDelta;
import dev.latentmpc.proto.control.v1.EnvelopeLimit;
import dev.latentmpc.proto.control.v1.EnvelopeOutcome;
import dev.latentmpc.proto.control.v1.HoldReason;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.PhaseLatencies;
import dev.latentmpc.proto.control.v1.PlannerSettings;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.SubgoalSwitch;
import dev.latentmpc.proto.control.v1.TaskStarted;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live progress display of {@code operator run}: a header when the task starts, one line per
 * control step (step, sub-goal, energy, per-phase latencies in ms, the command sent, clamping, and
 * the distance left to the goal where the server measures one), and the outcome. Each line is
 * flushed at once so a slow step shows as soon as it ends.
 */
final class ProgressPrinter {
  private static final String HEADER =
      "step goal    energy  camera  encode      plan   execute     total"
          + "   dx_m     dy_m     dz_m     dgrip  clamped";

  private final PrintWriter out;

  ProgressPrinter(PrintWriter out) {
    this.out = out;
  }

  /** Prints the task as the server resolved it, and the column header. */
  void started(TaskStarted s) {
    PlannerSettings p = s.getPlanner();
    out.printf(
        Locale.ROOT,
        "task %s on %s: seed %d, CEM %d samples x %d iterations (top %d, horizon %d),"
            + " steps per goal %s%s%s%n",
        s.getTaskId(),
        s.getRobotId(),
        s.getSeed(),
        p.getSamples(),
        p.getIterations(),
        p.getTopK(),
        p.getHorizonSteps(),
        s.getMaxStepsPerGoalList(),
        s.hasEnergyThreshold() ? ", energy threshold " + s.getEnergyThreshold() : "",
        s.getPreemptedTaskId().isEmpty() ? "" : ", preempted " + s.getPreemptedTaskId());
    String sampling = SamplingSpec.describe(p.getSampling());
    if (!sampling.equals("gripper-std=1") || p.getSubgoalSamplingCount() > 0) {
      // Only when the task changed them: the defaults are the paper's planner.
      out.println("sampling " + sampling + perGoal(p));
    }
    out.println(HEADER);
    out.flush();
  }

  private static String perGoal(PlannerSettings p) {
    StringBuilder b = new StringBuilder();
    for (int goal = 0; goal < p.getSubgoalSamplingCount(); goal++) {
      b.append(goal == 0 ? "; per goal: " : "; ")
          .append(goal)
          .append(':')
          .append(SamplingSpec.describe(p.getSubgoalSampling(goal)));
    }
    return b.toString();
  }

  /** Prints one step line. */
  void step(StepEvent e) {
    out.println(stepLine(e));
    out.flush();
  }

  /** Formats one step line (the test seam). */
  static String stepLine(StepEvent e) {
    PhaseLatencies l = e.getLatencies();
    String head =
        String.format(
            Locale.ROOT,
            "%4d %4d %9.5f %7.1f %7.1f %9.1f %9.1f %9.1f",
            e.getStepIndex(),
            e.getSubgoalIndex(),
            e.getEnergy(),
            l.getCameraSeconds() * 1e3,
            l.getEncodeSeconds() * 1e3,
            l.getPlanSeconds() * 1e3,
            l.getExecuteSeconds() * 1e3,
            l.getTotalSeconds() * 1e3);
    String action;
    if (e.getHoldReason() != HoldReason.HOLD_REASON_UNSPECIFIED || !e.getCommandSent()) {
      action = "  held: " + name(e.getHoldReason().name(), "HOLD_REASON_");
    } else {
      EndEffectorDelta d = e.getCommand();
      action =
          String.format(
              Locale.ROOT,
              " %+8.4f %+8.4f %+8.4f %+8.3f  %s",
              d.getDxM(),
              d.getDyM(),
              d.getDzM(),
              d.getDgripper(),
              clamped(e));
    }
    String switched =
        e.getSubgoalSwitch() == SubgoalSwitch.SUBGOAL_SWITCH_NONE
            ? ""
            : "  -> next goal (" + name(e.getSubgoalSwitch().name(), "SUBGOAL_SWITCH_") + ")";
    String distance =
        e.hasGoalDistanceM()
            ? String.format(Locale.ROOT, "  to goal %.3f m", e.getGoalDistanceM())
            : "";
    return head + action + distance + switched;
  }

  private static String clamped(StepEvent e) {
    List<String> by = new ArrayList<>();
    if (e.getEnvelope().getOutcome() == EnvelopeOutcome.ENVELOPE_OUTCOME_CLAMPED) {
      for (EnvelopeLimit limit : e.getEnvelope().getClampedByList()) {
        by.add(name(limit.name(), "ENVELOPE_LIMIT_"));
      }
      if (by.isEmpty()) {
        by.add("envelope");
      }
    }
    if (e.getArmClamped()) {
      by.add("arm");
    }
    return by.isEmpty() ? "no" : "yes (" + String.join(", ", by) + ")";
  }

  /** Prints the outcome line. */
  void outcome(Outcome o) {
    out.printf(
        Locale.ROOT,
        "outcome: %s after %d steps in %.1f s (goal %d)%s%n",
        name(o.getStatus().name(), "OUTCOME_STATUS_"),
        o.getSteps(),
        o.getDurationSeconds(),
        o.getSubgoalIndex(),
        o.getReason().isEmpty() ? "" : ": " + o.getReason());
    out.flush();
  }

  /** Prints a note (Ctrl-C received, stream ended early). */
  void note(String text) {
    out.println(text);
    out.flush();
  }

  /** Turns {@code PREFIX_SOME_NAME} into {@code some-name}. */
  static String name(String enumName, String prefix) {
    String n = enumName.startsWith(prefix) ? enumName.substring(prefix.length()) : enumName;
    return n.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
