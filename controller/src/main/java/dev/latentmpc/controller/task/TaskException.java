package dev.latentmpc.controller.task;

/**
 * Why the task runtime refused a request or a task could not start. The kinds are closed (a sealed
 * hierarchy) so that the one mapper at the gRPC edge ({@code
 * dev.latentmpc.controller.service.TaskErrors}) handles every one of them; the message is the
 * description the operator sees, word for word.
 */
public abstract sealed class TaskException extends RuntimeException {

  private TaskException(String message) {
    super(message);
  }

  /** A request outside the API's limits; the message names every field at fault. */
  public static final class Invalid extends TaskException {
    /** Creates the exception with its description. */
    public Invalid(String message) {
      super(message);
    }
  }

  /** Another task owns the arm and the request did not ask to preempt it. */
  public static final class Busy extends TaskException {
    /** Creates the exception with its description. */
    public Busy(String message) {
      super(message);
    }
  }

  /** The emergency stop is latched: nothing moves until it is reset. */
  public static final class Latched extends TaskException {
    /** Creates the exception with its description. */
    public Latched(String message) {
      super(message);
    }
  }

  /** A robot or a running task named by the request does not exist. */
  public static final class NotFound extends TaskException {
    /** Creates the exception with its description. */
    public NotFound(String message) {
      super(message);
    }
  }

  /**
   * A device the task needs does not answer (arm or camera gone) or the runner no longer takes
   * tasks (shutting down); trying again later may succeed.
   */
  public static final class Unavailable extends TaskException {
    /** Creates the exception with its description. */
    public Unavailable(String message) {
      super(message);
    }
  }

  /**
   * A device answers but is set up in a way the task cannot run with (e.g. camera frames of the
   * wrong size); retrying will not help until the setup is fixed.
   */
  public static final class Misconfigured extends TaskException {
    /** Creates the exception with its description. */
    public Misconfigured(String message) {
      super(message);
    }
  }
}
