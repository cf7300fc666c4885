package dev.latentmpc.bench;

import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.worldmodel.DefaultBundle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code demo} and {@code bench} share: the bundle they load and how they report failures. */
final class InProcessRuns {
  /** A command body printing to the command line's writers; returns the exit status. */
  @FunctionalInterface
  interface Body {
    int run(PrintWriter out, PrintWriter err);
  }

  private InProcessRuns() {}

  /** Runs {@code body}; an unexpected exception becomes "error: ..." and exit status 1. */
  static int reportingFailures(CommandSpec spec, Body body) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return body.run(out, err);
    } catch (RuntimeException e) {
      err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The bundle directory: {@code option} or the embedded default; null after printing an error when
   * it has no model.json.
   */
  static Path bundleDir(Path option, PrintWriter err) {
    Path dir = option != null ? option : DefaultBundle.under(ConfigLoader.home());
    if (!Files.isRegularFile(dir.resolve("model.json"))) {
      err.println(
          "error: no model bundle at "
              + dir
              + "; run from a checkout of the repository or pass --bundle DIR");
      return null;
    }
    return dir;
  }
}
