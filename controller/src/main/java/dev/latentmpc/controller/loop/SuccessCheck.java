package dev.latentmpc.controller.loop;

/**
 * The caller's notion of success, asked after every step; the controller has no ground truth of its
 * own. The simulated harness checks its scene here; a real deployment may never report success and
 * let the schedule complete.
 */
@FunctionalInterface
public interface SuccessCheck {

  /**
   * Returns whether the task has succeeded after the step {@code event} describes.
   *
   * @param event the step just taken
   */
  boolean succeeded(StepEvent event);

  /** Returns the check that never reports success. */
  static SuccessCheck never() {
    return event -> false;
  }
}
