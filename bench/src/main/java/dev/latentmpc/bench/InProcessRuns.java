package dev.latentmpc.bench;

import dev.latentmpc.deploy.LatentMpc;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.operator.EpisodeClient;
import dev.latentmpc.deploy.server.LocalSimService;
import dev.latentmpc.worldmodel.DefaultBundle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code demo} and {@code bench} share: the bundle they load, the in-process service they
 * drive, where their files go and how they report failures.
 */
final class InProcessRuns {
  /** A command body printing to the command line's writers; returns the exit status. */
  @FunctionalInterface
  interface Body {
    int run(PrintWriter out, PrintWriter err);
  }

  /** What runs against the started service through its operator client; returns the exit status. */
  @FunctionalInterface
  interface ServiceBody {
    int run(LocalSimService service, EpisodeClient client);
  }

  /** A bad argument: {@link #reportingFailures} prints "error: MESSAGE" and exits with status 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  private InProcessRuns() {}

  /**
   * Runs {@code body}; a {@link UsageException} becomes "error: ..." and exit status 2, any other
   * unexpected exception "error: ..." and exit status 1.
   */
  static int reportingFailures(CommandSpec spec, Body body) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return body.run(out, err);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Checks {@code value} of {@code option} is in [{@code min}, {@code max}]. */
  static void requireInRange(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new UsageException(option + " must be in [" + min + ", " + max + "], got " + value);
    }
  }

  /**
   * The bundle directory: {@code option} or the embedded default; a {@link UsageException} when it
   * has no model.json.
   */
  static Path bundleDir(Path option) {
    Path dir = option != null ? option : DefaultBundle.under(ConfigLoader.home());
    if (!Files.isRegularFile(dir.resolve("model.json"))) {
      throw new UsageException(
          "no model bundle at "
              + dir
              + "; run from a checkout of the repository or pass --bundle DIR");
    }
    return dir;
  }

  /**
   * Starts the service in this process with {@code options}, connects an operator client named
   * {@code clientName} over its socket and runs {@code body}; both are closed after. A service that
   * does not start prints "error: ..." and returns its exit status.
   */
  static int withService(
      LocalSimService.Options options, String clientName, PrintWriter err, ServiceBody body) {
    LocalSimService service;
    try {
      service = LocalSimService.start(options, LatentMpc.version());
    } catch (LocalSimService.StartException e) {
      err.println("error: " + e.getMessage());
      return e.exitStatus();
    }
    try (service;
        EpisodeClient client = EpisodeClient.connect(service.address(), clientName)) {
      return body.run(service, client);
    }
  }

  /** {@code option}, or {@code runs/NAME-DATE-TIME} under the home directory when it is null. */
  static Path outputDir(Path option, String name) {
    if (option != null) {
      return option;
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return ConfigLoader.home().resolve("runs").resolve(name + "-" + stamp);
  }
}
