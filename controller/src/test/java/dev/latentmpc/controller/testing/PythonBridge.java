package dev.latentmpc.controller.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Python robot bridge ({@code franka-bridge/}) as a subprocess for tests: writes its TOML
 * configuration ({@link PythonBridgeConfig}), runs {@code franka-bridge/bin/franka-bridge serve
 * --config FILE --listen 127.0.0.1:0 --driver DRIVER --ready-file FILE}, and waits until the bridge
 * has written the address it bound. {@link #close()} sends SIGTERM, which the bridge answers by
 * stopping the arm and exiting 0; its stderr goes to a log file that failures quote.
 *
 * <p>The library drivers ({@code franky}, {@code polymetis}) run against the recording doubles in
 * {@code franka-bridge/tests/doubles}, put on {@code PYTHONPATH}: the real robot libraries cannot
 * be installed without the hardware's real-time setup.
 *
 * <p>Needs Debian's {@code python3-grpcio}, {@code python3-protobuf}, {@code protobuf-compiler} and
 * {@code protobuf-compiler-grpc}; {@link #unavailableReason()} says which is missing, for the
 * tests' assumptions (deploy/bin/test-all installs them).
 */
public final class PythonBridge implements AutoCloseable {
  /** The interpreter the bridge runs on (Debian's, which has grpcio and protobuf). */
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  /**
   * Longest wait for the bridge to serve: generating stubs and importing grpc on a busy machine.
   */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** Longest wait for the bridge to exit after SIGTERM. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private static volatile Optional<String> unavailable;

  private final Process process;
  private final String address;
  private final Path log;

  private PythonBridge(Process process, String address, Path log) {
    this.process = process;
    this.address = address;
    this.log = log;
  }

  /**
   * Says why the Python bridge cannot run on this machine, or empty when it can: the launcher or a
   * Debian package is missing.
   */
  public static Optional<String> unavailableReason() {
    Optional<String> known = unavailable;
    if (known == null) {
      known = probe();
      unavailable = known;
    }
    return known;
  }

  private static Optional<String> probe() {
    Path launcher = launcher();
    if (!Files.isExecutable(launcher)) {
      return Optional.of(launcher + " is missing or not executable");
    }
    for (String tool : new String[] {"/usr/bin/protoc", "/usr/bin/grpc_python_plugin"}) {
      if (!Files.isExecutable(Path.of(tool))) {
        return Optional.of(
            tool + " is missing: apt-get install protobuf-compiler protobuf-compiler-grpc");
      }
    }
    if (!Files.isExecutable(PYTHON)) {
      return Optional.of(PYTHON + " is missing: apt-get install python3");
    }
    try {
      Process p =
          new ProcessBuilder(PYTHON.toString(), "-c", "import grpc, google.protobuf")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.of(
            PYTHON
                + " cannot import grpc and google.protobuf (apt-get install python3-grpcio"
                + " python3-protobuf): "
                + out.strip());
      }
    } catch (IOException e) {
      return Optional.of("cannot run " + PYTHON + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing " + PYTHON);
    }
    return Optional.empty();
  }

  /** The repository root: the nearest folder above the working directory holding franka-bridge. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("franka-bridge"))
          && Files.isRegularFile(d.resolve("pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException("no franka-bridge folder above " + dir);
  }

  private static Path launcher() {
    return repositoryRoot().resolve("franka-bridge/bin/franka-bridge");
  }

  /**
   * Writes {@code config} into {@code workDir}, starts the bridge and waits until it serves.
   *
   * @param config the bridge's configuration
   * @param workDir a private folder for the config, the ready file and the log
   * @return the serving bridge
   * @throws IOException when it cannot be started or does not serve within {@link #START_TIMEOUT}
   *     (the message quotes its log)
   */
  public static PythonBridge start(PythonBridgeConfig config, Path workDir)
      throws IOException, InterruptedException {
    Objects.requireNonNull(config, "config");
    Files.createDirectories(workDir);
    Path toml = workDir.resolve("bridge.toml");
    Files.writeString(toml, config.toml());
    Path ready = workDir.resolve("ready");
    Files.deleteIfExists(ready);
    Path log = workDir.resolve("bridge.log");
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    command.addAll(
        List.of(
            "serve",
            "--config",
            toml.toString(),
            "--listen",
            "127.0.0.1:0",
            "--driver",
            config.driver(),
            "--ready-file",
            ready.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(repositoryRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    if (config.usesDoubles()) {
      builder
          .environment()
          .put("PYTHONPATH", repositoryRoot().resolve("franka-bridge/tests/doubles").toString());
    }
    Process process = builder.start();
    long end = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.exists(ready)) {
      if (!process.isAlive()) {
        throw new IOException(
            "the Python bridge exited with status " + process.exitValue() + ":\n" + read(log));
      }
      if (System.nanoTime() > end) {
        process.destroyForcibly();
        throw new IOException(
            "the Python bridge did not serve within " + START_TIMEOUT + ":\n" + read(log));
      }
      Thread.sleep(20); // polling a file the child writes; nothing to wait on in-process
    }
    String address = Files.readString(ready).strip();
    return new PythonBridge(process, address, log);
  }

  /** The address the bridge serves on, {@code 127.0.0.1:PORT}. */
  public String address() {
    return address;
  }

  /** The bridge's process id. */
  public long pid() {
    return process.pid();
  }

  /** The bridge's log so far (stdout and stderr). */
  public String log() {
    return read(log);
  }

  /** Whether the bridge process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Sends SIGTERM and waits for the bridge to exit.
   *
   * @return its exit status (0: it stopped the arm and shut down cleanly)
   * @throws IllegalStateException when it does not exit within {@link #STOP_TIMEOUT} (then killed)
   */
  public int terminate() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM on Linux
      if (!process.waitFor(STOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the Python bridge did not exit within " + STOP_TIMEOUT + " of SIGTERM:\n" + log());
      }
    }
    return process.exitValue();
  }

  /** Terminates the bridge (SIGTERM, then SIGKILL if it hangs); never throws. */
  @Override
  public void close() {
    try {
      terminate();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IllegalStateException e) {
      // already killed; the log said why
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
