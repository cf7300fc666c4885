package dev.latentmpc.controller.task;

import java.util.Objects;

/**
 * Why the task runtime refused a request or a task could not start. The {@link Kind kinds} are
 * closed (an enum) so that the one mapper at the gRPC edge ({@code
 * dev.latentmpc.controller.service.TaskErrors}) handles every one of them; the message is the
 * description the operator sees, word for word.
 */
public final class TaskException extends RuntimeException {

  /** What went wrong, which decides the status a client receives. */
  public enum Kind {
    /** A request outside the API's limits; the message names every field at fault. */
    INVALID,
    /** Another task owns the arm and the request did not ask to preempt it. */
    BUSY,
    /** The emergency stop is latched: nothing moves until it is reset. */
    LATCHED,
    /** A robot or a running task named by the request does not exist. */
    NOT_FOUND,
    /**
     * A device the task needs does not answer (arm or camera gone) or the runner no longer takes
     * tasks (shutting down); trying again later may succeed.
     */
    UNAVAILABLE,
    /**
     * A device answers but is set up in a way the task cannot run with (e.g. camera frames of the
     * wrong size); retrying will not help until the setup is fixed.
     */
    MISCONFIGURED
  }

  private final Kind kind;

  /** Creates the exception of {@code kind} with its description. */
  public TaskException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Returns what went wrong. */
  public Kind kind() {
    return kind;
  }
}
