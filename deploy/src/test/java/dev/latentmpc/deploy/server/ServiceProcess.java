package dev.latentmpc.deploy.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  private static final Pattern STARTED = Pattern.compile("operator API on [^ ]+:(\\d+) ");

  private final Process process;
  private final Path log;
  private final int port;

  private ServiceProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
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
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
    // The class path goes in the environment, not on the command line: with a command line over
    // about 4 KB (this test class path from the Maven repository is 6 KB), ONNX Runtime 1.29's
    // OrtEnvironment.createHandle crashes the JVM with SIGSEGV (measured: the same class path
    // padded past that length crashes, and works when passed as CLASSPATH).
    builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    Process process = builder.start();
    CompletableFuture<Integer> started = new CompletableFuture<>();
    Thread copier = new Thread(() -> copy(process, log, started), "service-log-" + process.pid());
    copier.setDaemon(true);
    copier.start();
    try {
      return new ServiceProcess(
          process, log, started.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IOException(
          "the service did not start ("
              + e.getMessage()
              + "); command "
              + command
              + ":\n"
              + read(log),
          e);
    }
  }

  /** Copies the output line by line into the log, completing {@code started} with the port. */
  private static void copy(Process process, Path log, CompletableFuture<Integer> started) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        Matcher m = STARTED.matcher(line);
        if (m.find()) {
          started.complete(Integer.parseInt(m.group(1)));
        }
      }
      started.completeExceptionally(
          new IOException("the service exited with status " + process.waitFor()));
    } catch (IOException e) {
      started.completeExceptionally(e);
    } catch (InterruptedException e) {
      started.completeExceptionally(e);
      Thread.currentThread().interrupt();
    }
  }

  /** The operator API's port on 127.0.0.1. */
  int port() {
    return port;
  }

  /** The service's output so far. */
  String log() {
    return read(log);
  }

  /** Kills the process with SIGKILL, as a power cut or the OOM killer would, and waits for it. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the service survived SIGKILL for 30 s");
    }
  }

  /** Stops the process with SIGTERM (its shutdown hook stops the arm), SIGKILL if it hangs. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "(no output)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
