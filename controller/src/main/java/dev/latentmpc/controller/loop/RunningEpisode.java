package dev.latentmpc.controller.loop;

import dev.latentmpc.planner.CemPlanner;
import dev.latentmpc.planner.Plan;
import dev.latentmpc.planner.SamplingHooks;
import dev.latentmpc.worldmodel.Latent;
import java.util.List;
import java.util.Optional;

/** The mutable state of one running episode; owned by the loop thread. */
final class RunningEpisode {

  private final TaskSpec task;
  private final List<Latent> goals;
  private final CemPlanner planner;
  private final long startedAtNanos;
  private ScheduleCursor cursor;
  private Optional<Plan> warmStart = Optional.empty();
  private int stepsTaken;
  private int consecutiveHolds;
  private EpisodeOutcome outcome;

  RunningEpisode(TaskSpec task, List<Latent> goals, CemPlanner planner, long startedAtNanos) {
    this.task = task;
    this.goals = goals;
    this.planner = planner;
    this.startedAtNanos = startedAtNanos;
    cursor = task.schedule().start();
  }

  TaskSpec task() {
    return task;
  }

  CemPlanner planner() {
    return planner;
  }

  ScheduleCursor cursor() {
    return cursor;
  }

  Latent currentGoal() {
    return goals.get(cursor.goalIndex());
  }

  /** The sampling hooks of the current goal: the task's for that goal, else the planner's. */
  SamplingHooks currentSampling() {
    List<SamplingHooks> perGoal = task.goalSampling();
    return perGoal.isEmpty() ? planner.config().sampling() : perGoal.get(cursor.goalIndex());
  }

  Optional<Plan> warmStart() {
    return warmStart;
  }

  int stepsTaken() {
    return stepsTaken;
  }

  /** Records a step that moved: the schedule advances, the plan warm-starts the same goal. */
  void afterMove(ScheduleCursor next, Plan plan) {
    stepsTaken++;
    consecutiveHolds = 0;
    cursor = next;
    warmStart = next.lastSwitch() == SubgoalSwitch.NONE ? Optional.of(plan) : Optional.empty();
  }

  /** Records a step that held. */
  void afterHold() {
    stepsTaken++;
    consecutiveHolds++;
  }

  /** Returns how many of the latest steps in a row have held. */
  int consecutiveHolds() {
    return consecutiveHolds;
  }

  boolean isDone() {
    return outcome != null;
  }

  Optional<EpisodeOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  /** Ends the episode with {@code status}; the first call wins. */
  EpisodeOutcome finish(EpisodeStatus status, String reason, long nowNanos) {
    if (outcome == null) {
      outcome =
          new EpisodeOutcome(
              task.taskId(),
              status,
              Optional.ofNullable(reason),
              stepsTaken,
              cursor.goalIndex(),
              nowNanos - startedAtNanos);
    }
    return outcome;
  }
}
