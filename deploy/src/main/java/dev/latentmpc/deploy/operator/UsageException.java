package dev.latentmpc.deploy.operator;

/** A bad argument found after parsing (unreadable file, malformed list); exits with status 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line naming the argument and the fix
   */
  UsageException(String message) {
    super(message);
  }
}
