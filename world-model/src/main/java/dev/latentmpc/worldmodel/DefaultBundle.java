package dev.latentmpc.worldmodel;

import java.nio.file.Path;

/**
 * Where the embedded default model bundle lives: the one place that names it. Every default in the
 * project (the service's {@code model.bundle}, {@code demo}, the closed-loop benchmark) refers
 * here, so switching the default to another committed bundle is a change of {@link #RELATIVE_DIR}
 * alone.
 */
public final class DefaultBundle {

  /**
   * The embedded default bundle directory, relative to the repository (installation) root, with '/'
   * separators; a compile-time constant so command-line help can show it.
   */
  public static final String RELATIVE_DIR = "world-model/bundles/sim-small96";

  private DefaultBundle() {}

  /** Returns {@link #RELATIVE_DIR} as a relative path. */
  public static Path relativePath() {
    return Path.of(RELATIVE_DIR);
  }

  /** Returns the default bundle's directory under the installation root {@code home}. */
  public static Path under(Path home) {
    return home.resolve(relativePath());
  }
}
