package dev.latentmpc.deploy.server;

import dev.latentmpc.controller.testing.LoggedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as its own operating-system process, the way {@code deploy/bin/latent-mpc serve} runs
 * it: {@code java dev.latentmpc.deploy.LatentMpc serve --config FILE} on this test JVM's class
 * path. Its output goes to a log file; the port comes from its startup line ({@code api.port: 0}).
 * {@link #kill()} sends SIGKILL (no shutdown hook runs, nothing is stopped on the way out), {@link
 * #close()} SIGTERM.
 */
final class ServiceProcess implements AutoCloseable {
  /** Longest wait for the startup line: a JVM start and the model load on a busy machine. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  /** Longest wait for the process to go after SIGTERM or SIGKILL. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern STARTED = Pattern.compile("operator API on [^ ]+:(\\d+) ");

  private final LoggedProcess process;
  private final int port;

  private ServiceProcess(LoggedProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code serve --config config} and waits for its startup line.
   *
   * @param home the installation root (latentmpc.home: the default bundle resolves against it)
   * @param config the service's YAML configuration
   * @param log where its stdout and stderr go
   * @throws IOException when it exits or does not start within {@link #START_TIMEOUT} (the message
   *     quotes its log)
   */
  static ServiceProcess start(Path home, Path config, Path log)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            java.toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-Dlatentmpc.home=" + home,
            "dev.latentmpc.deploy.LatentMpc",
            "serve",
            "--config",
            config.toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    // The class path goes in the environment, not on the command line: with a command line over
    // about 4 KB (this test class path from the Maven repository is 6 KB), ONNX Runtime 1.29's
    // OrtEnvironment.createHandle crashes the JVM with SIGSEGV (measured: the same class path
    // padded past that length crashes, and works when passed as CLASSPATH).
    builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    LoggedProcess process = LoggedProcess.start("the service", builder, log);
    return new ServiceProcess(process, process.await(() -> startedPort(log), START_TIMEOUT));
  }

  /** The port of the startup line in the log so far, empty before that line. */
  private static Optional<Integer> startedPort(Path log) throws IOException {
    Matcher m = STARTED.matcher(Files.exists(log) ? Files.readString(log) : "");
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The operator API's port on 127.0.0.1. */
  int port() {
    return port;
  }

  /** The service's output so far. */
  String log() {
    return process.log();
  }

  /** Kills the process with SIGKILL, as a power cut or the OOM killer would, and waits for it. */
  void kill() throws InterruptedException {
    process.kill(STOP_TIMEOUT);
  }

  /** Stops the process with SIGTERM (its shutdown hook stops the arm), SIGKILL if it hangs. */
  @Override
  public void close() throws InterruptedException {
    try {
      process.terminate(STOP_TIMEOUT);
    } catch (IllegalStateException e) {
      // it hung and was killed; its log says why
    }
  }
}
