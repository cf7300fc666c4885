package dev.latentmpc.controller.loop;

/**
 * The caller's notion of success, asked after every step; the controller has no ground truth of its
 * own. An operator's reach target measures the end effector against a point; the simulator checks
 * its scene; a real deployment without either never reports success and lets the schedule complete.
 */
@FunctionalInterface
public interface SuccessCheck {

  /**
   * Returns whether the task has succeeded after the step {@code event} describes, and its distance
   * to the goal where known. Called on the loop thread once per step, after the move (the step's
   * event carries the distance); only a step that moved can end the episode as succeeded.
   *
   * @param event the step just taken
   */
  GoalProgress assess(StepEvent event);

  /** Returns the check that never reports success nor a distance. */
  static SuccessCheck never() {
    return event -> GoalProgress.UNKNOWN;
  }
}
