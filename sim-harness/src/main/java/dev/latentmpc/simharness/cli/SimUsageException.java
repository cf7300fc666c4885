package dev.latentmpc.simharness.cli;

/** A bad command-line value; the message is one line that names the fix. Exit status 2. */
public final class SimUsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} names the fix. */
  public SimUsageException(String message) {
    super(message);
  }
}
