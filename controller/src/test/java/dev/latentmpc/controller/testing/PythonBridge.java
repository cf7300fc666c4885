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

  private final LoggedProcess process;
  private final String address;

  private PythonBridge(LoggedProcess process, String address) {
    this.process = process;
    this.address = address;
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
    return launch(toml, Optional.of(config.driver()), config.usesDoubles(), workDir);
  }

  /**
   * Starts the bridge on a configuration file as it is (e.g. one of {@code
   * franka-bridge/config/*.example.toml}, relative to the repository root), listening on a free
   * port of 127.0.0.1 with the file's driver, and waits until it serves.
   *
   * @param configFile the bridge's TOML configuration, relative to the repository root or absolute
   * @param workDir a private folder for the ready file and the log
   * @return the serving bridge
   * @throws IOException when it cannot be started or does not serve within {@link #START_TIMEOUT}
   *     (the message quotes its log)
   */
  public static PythonBridge startWithFile(Path configFile, Path workDir)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    return launch(repositoryRoot().resolve(configFile), Optional.empty(), false, workDir);
  }

  private static PythonBridge launch(
      Path toml, Optional<String> driver, boolean doubles, Path workDir)
      throws IOException, InterruptedException {
    Path ready = workDir.resolve("ready");
    Files.deleteIfExists(ready);
    Path log = workDir.resolve("bridge.log");
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    command.addAll(List.of("serve", "--config", toml.toString(), "--listen", "127.0.0.1:0"));
    driver.ifPresent(name -> command.addAll(List.of("--driver", name)));
    command.addAll(List.of("--ready-file", ready.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot().toFile());
    if (doubles) {
      builder
          .environment()
          .put("PYTHONPATH", repositoryRoot().resolve("franka-bridge/tests/doubles").toString());
    }
    LoggedProcess process = LoggedProcess.start("the Python bridge", builder, log);
    String address =
        process.await(
            () ->
                Files.exists(ready)
                    ? Optional.of(Files.readString(ready).strip())
                    : Optional.empty(),
            START_TIMEOUT);
    return new PythonBridge(process, address);
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
    return process.log();
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
    return process.terminate(STOP_TIMEOUT);
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
}
