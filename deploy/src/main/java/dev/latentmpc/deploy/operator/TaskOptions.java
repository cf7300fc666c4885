package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.EnergyThresholdSchedule;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.ReachTarget;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * What task {@code operator run} starts: kind, schedule, seed, ids, preemption and an optional
 * reach target; checked here so a mistake costs no upload.
 */
final class TaskOptions {
  @Option(
      names = "--task",
      required = true,
      paramLabel = "KIND",
      description = "reach, grasp, reach-with-object or pick-and-place.")
  String kind;

  @Option(
      names = "--schedule",
      paramLabel = "N,N,...",
      description =
          "Fixed moves per goal, one entry per goal (pick-and-place default: 4,10,4;"
              + " other tasks: 10).")
  String schedule;

  @Option(
      names = "--energy-threshold",
      paramLabel = "X",
      description = "Switch goals once a step's planned energy falls below X (with --max-steps).")
  Double energyThreshold;

  @Option(
      names = "--max-steps",
      paramLabel = "N[,N...]",
      description =
          "Step limit per goal with --energy-threshold: one value for every goal, or"
              + " one per goal (default: 10).")
  String maxSteps;

  @Option(names = "--preempt", description = "Cancel the robot's running task instead of failing.")
  boolean preempt;

  @Option(names = "--seed", paramLabel = "N", description = "Planner seed (default: server's).")
  Long seed;

  @Option(names = "--task-id", paramLabel = "ID", description = "Task id (default: generated).")
  String taskId;

  @Option(names = "--robot", paramLabel = "ID", description = "Robot id (default: the only one).")
  String robotId;

  @Option(
      names = "--target",
      paramLabel = "X,Y,Z",
      description = "Reach target in metres (base frame): the task SUCCEEDS within --tolerance-m.")
  String target;

  @Option(
      names = "--tolerance-m",
      paramLabel = "M",
      defaultValue = "0.04",
      description = "Success radius around --target, metres (default: ${DEFAULT-VALUE}).")
  double toleranceM;

  /**
   * Builds the request without goal ids.
   *
   * @param goals the number of goal images given
   * @throws UsageException naming the bad option
   */
  StartTaskRequest.Builder request(int goals) {
    TaskKind taskKind = kind(kind);
    StartTaskRequest.Builder b =
        StartTaskRequest.newBuilder().setKind(taskKind).setPreempt(preempt);
    schedule(b, taskKind, goals);
    if (seed != null) {
      b.setSeed(seed);
    }
    if (taskId != null) {
      b.setTaskId(taskId);
    }
    if (robotId != null) {
      b.setRobotId(robotId);
    }
    if (target != null) {
      b.setReachTarget(reachTarget());
    }
    return b;
  }

  /** Sets the explicit schedule, or checks the goal count against the kind's default one. */
  private void schedule(StartTaskRequest.Builder b, TaskKind taskKind, int goals) {
    if (schedule != null && energyThreshold != null) {
      throw new UsageException("pass either --schedule or --energy-threshold, not both");
    }
    if (schedule != null) {
      List<Integer> steps = counts("--schedule", schedule);
      requireEntries("--schedule", steps.size(), goals);
      b.setFixedSteps(FixedStepsSchedule.newBuilder().addAllStepsPerGoal(steps));
      return;
    }
    if (energyThreshold != null) {
      b.setEnergyThreshold(thresholdSchedule(goals));
      return;
    }
    if (maxSteps != null) {
      throw new UsageException(
          "--max-steps goes with --energy-threshold; for fixed counts pass --schedule N,N,...");
    }
    int expected = taskKind == TaskKind.TASK_KIND_PICK_AND_PLACE ? 3 : 1;
    if (goals != expected) {
      throw new UsageException(
          String.format(
              "%s takes %d --goal image(s), got %d; pass %d or give an explicit --schedule with"
                  + " one entry per goal",
              kind, expected, goals, expected));
    }
  }

  private EnergyThresholdSchedule thresholdSchedule(int goals) {
    if (!(Double.isFinite(energyThreshold) && energyThreshold > 0)) {
      throw new UsageException("--energy-threshold must be finite and > 0, got " + energyThreshold);
    }
    List<Integer> limits = counts("--max-steps", maxSteps == null ? "10" : maxSteps);
    if (limits.size() == 1) {
      limits = new ArrayList<>(Collections.nCopies(goals, limits.get(0)));
    }
    requireEntries("--max-steps", limits.size(), goals);
    return EnergyThresholdSchedule.newBuilder()
        .setEnergyThreshold(energyThreshold)
        .addAllMaxStepsPerGoal(limits)
        .build();
  }

  private ReachTarget reachTarget() {
    double[] xyz = Numbers.list("--target", target, 3);
    if (!(toleranceM > 0 && toleranceM <= 0.5)) {
      throw new UsageException("--tolerance-m must be in (0, 0.5], got " + toleranceM);
    }
    return ReachTarget.newBuilder()
        .setXM(xyz[0])
        .setYM(xyz[1])
        .setZM(xyz[2])
        .setToleranceM(toleranceM)
        .build();
  }

  static TaskKind kind(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "reach" -> TaskKind.TASK_KIND_REACH;
      case "grasp" -> TaskKind.TASK_KIND_GRASP;
      case "reach-with-object" -> TaskKind.TASK_KIND_REACH_WITH_OBJECT;
      case "pick-and-place" -> TaskKind.TASK_KIND_PICK_AND_PLACE;
      default ->
          throw new UsageException(
              "--task must be reach, grasp, reach-with-object or pick-and-place, got '"
                  + name
                  + "'");
    };
  }

  private static List<Integer> counts(String option, String text) {
    List<Integer> out = new ArrayList<>();
    for (double v : Numbers.list(option, text, -1)) {
      if (v != Math.rint(v) || v < 1 || v > 1_000) {
        throw new UsageException(
            option + " takes whole step counts in [1, 1000], got '" + text + "'");
      }
      out.add((int) v);
    }
    return out;
  }

  private static void requireEntries(String option, int entries, int goals) {
    if (entries != goals) {
      throw new UsageException(
          option
              + " has "
              + entries
              + " entries but "
              + goals
              + " --goal image(s) were given;"
              + " give one entry per goal");
    }
  }
}
