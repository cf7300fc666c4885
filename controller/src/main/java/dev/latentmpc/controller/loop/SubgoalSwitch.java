package dev.latentmpc.controller.loop;

/** Whether, and why, the schedule moved to the next sub-goal after a step. */
public enum SubgoalSwitch {
  /** The same sub-goal stays current. */
  NONE,
  /** The sub-goal's step limit was reached. */
  STEP_LIMIT,
  /** The step's energy to the sub-goal fell below the schedule's threshold. */
  ENERGY_THRESHOLD
}
