package dev.latentmpc.worldmodel;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model bundle that cannot be used: a missing or corrupt file, a {@code model.json} field that is
 * missing or wrong, or a graph whose inputs and outputs do not match the bundle contract.
 *
 * <p>The message always starts with the offending file, so an operator can fix the bundle from the
 * log line alone.
 */
public final class BundleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * Creates an exception about {@code file}.
   *
   * @param file the bundle file at fault (model.json, a graph, a data file)
   * @param detail what is wrong with it
   */
  public BundleException(Path file, String detail) {
    super(file + ": " + detail);
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * Creates an exception about {@code file} caused by a lower-level failure.
   *
   * @param file the bundle file at fault
   * @param detail what is wrong with it
   * @param cause the underlying failure (I/O, JSON parsing, runtime)
   */
  public BundleException(Path file, String detail, Throwable cause) {
    super(file + ": " + detail, cause);
    this.file = Objects.requireNonNull(file, "file");
  }

  /** Returns the bundle file at fault. */
  public Path file() {
    return file;
  }
}
