package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.SubgoalSchedule;

/** What a task does; decides how many goal images it takes and its default schedule. */
public enum TaskKind {
  /** Move the end effector to the pose shown in one goal image. */
  REACH(1),
  /** Close the gripper on an object shown grasped in one goal image. */
  GRASP(1),
  /** Carry a grasped object to the pose shown in one goal image. */
  REACH_WITH_OBJECT(1),
  /** Grasp, carry and place: three goal images, 4/10/4 steps (the paper's schedule). */
  PICK_AND_PLACE(3);

  /** Moves on the goal of a single-goal task when the request gives no schedule. */
  public static final int DEFAULT_SINGLE_GOAL_STEPS = 10;

  private final int defaultGoals;

  TaskKind(int defaultGoals) {
    this.defaultGoals = defaultGoals;
  }

  /** Returns how many goal images the kind takes without an explicit schedule. */
  public int defaultGoals() {
    return defaultGoals;
  }

  /** Returns the schedule used when the request gives none. */
  public SubgoalSchedule defaultSchedule() {
    return this == PICK_AND_PLACE
        ? SubgoalSchedule.pickAndPlace()
        : SubgoalSchedule.fixedSteps(DEFAULT_SINGLE_GOAL_STEPS);
  }
}
