package dev.latentmpc.deploy.monitoring;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds Prometheus's binaries ({@code prometheus}, {@code promtool}) and runs {@code promtool}.
 *
 * <p>The monitoring tests need a real Prometheus: Debian's {@code prometheus} package, which {@code
 * deploy/bin/test-all} installs. A binary is looked up on {@code PATH} first, then at the package's
 * location; when neither has it the test fails (never skips) with a message that says how to
 * install it.
 */
final class PrometheusTools {
  /** Where Debian's prometheus package installs its binaries, when they are not on PATH. */
  private static final Path DEBIAN_BIN = Path.of("/usr/bin");

  private PrometheusTools() {}

  /** The output and exit status of a finished command. */
  record Result(int exitCode, String output) {}

  /** Returns the {@code promtool} binary, or fails the test saying how to install it. */
  static Path promtool() {
    return binary("promtool");
  }

  /** Returns the {@code prometheus} binary, or fails the test saying how to install it. */
  static Path prometheus() {
    return binary("prometheus");
  }

  /**
   * Runs {@code promtool} with {@code args} in {@code dir} and returns its status and output
   * (stdout and stderr together).
   */
  static Result promtool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(promtool().toString());
    command.addAll(List.of(args));
    return run(dir, command, Duration.ofSeconds(60));
  }

  /** Runs {@code command} in {@code dir}, failing the test if it outlives {@code timeout}. */
  static Result run(Path dir, List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("latent-mpc-cmd", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("%s did not finish within %s", String.join(" ", command), timeout);
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static Path binary(String name) {
    Optional<Path> found = onPath(name);
    if (found.isPresent()) {
      return found.get();
    }
    Path debian = DEBIAN_BIN.resolve(name);
    if (Files.isExecutable(debian)) {
      return debian;
    }
    return fail(
        "'%s' was found neither on PATH nor at %s. The monitoring tests run a real Prometheus:"
            + " install Debian's package (`sudo apt-get install prometheus`; deploy/bin/test-all"
            + " does this) or put Prometheus 2.x's %s on PATH.",
        name, debian, name);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
