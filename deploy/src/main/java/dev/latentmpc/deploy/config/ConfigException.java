package dev.latentmpc.deploy.config;

import java.util.List;

/**
 * The service configuration is invalid; {@link #errors()} lists every problem found, each naming
 * its key, where the value came from and how to fix it.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The problems, one line each. */
  private final List<String> errors;

  /**
   * Creates the exception.
   *
   * @param errors every problem found; not empty
   */
  public ConfigException(List<String> errors) {
    super(summary(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** Returns every problem found, one line each. */
  public List<String> errors() {
    return errors;
  }

  private static String summary(List<String> errors) {
    return errors.size() == 1
        ? "invalid configuration: " + errors.get(0)
        : "invalid configuration (" + errors.size() + " errors): " + String.join("; ", errors);
  }
}
