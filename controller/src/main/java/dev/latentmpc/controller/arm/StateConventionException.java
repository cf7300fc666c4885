package dev.latentmpc.controller.arm;

/**
 * The robot's states mean something other than the model's (another point of the hand, Euler
 * convention or gripper scale), or the robot does not say what they mean. Planning would then aim
 * at the wrong place without any error, so no task starts; the message names both conventions, or
 * the missing field, and the fix.
 */
public class StateConventionException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what differs or is missing, and what to do
   */
  public StateConventionException(String message) {
    super(message);
  }
}
