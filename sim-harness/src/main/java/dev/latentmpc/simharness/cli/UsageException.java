package dev.latentmpc.simharness.cli;

/** A bad command-line value; the message is one line that names the fix. Exit status 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
