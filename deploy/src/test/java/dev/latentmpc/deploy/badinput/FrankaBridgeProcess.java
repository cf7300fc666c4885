package dev.latentmpc.deploy.badinput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real-robot bridge ({@code franka-bridge/}, Python) with its kinematic driver as a child
 * process: {@code franka-bridge/bin/franka-bridge serve --config
 * franka-bridge/config/kinematic.example.toml --listen 127.0.0.1:0 --ready-file FILE}, started and
 * waited for until it wrote the address it bound; {@link #close()} sends SIGTERM (the bridge stops
 * the arm and exits 0) and returns its exit status.
 */
final class FrankaBridgeProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final String address;

  private FrankaBridgeProcess(Process process, Path log, String address) {
    this.process = process;
    this.log = log;
    this.address = address;
  }

  /** Why the bridge cannot run here (Debian's Python gRPC or the stub compiler missing), if so. */
  static String unavailableReason() {
    for (String tool :
        List.of("/usr/bin/python3", "/usr/bin/protoc", "/usr/bin/grpc_python_plugin")) {
      if (!Files.isExecutable(Path.of(tool))) {
        return tool
            + " is missing (deploy/bin/test-all installs python3-grpcio, python3-protobuf,"
            + " protobuf-compiler and protobuf-compiler-grpc)";
      }
    }
    return null;
  }

  /** Starts the bridge from the repository root {@code home}, writing into {@code dir}. */
  static FrankaBridgeProcess start(Path home, Path dir) throws IOException, InterruptedException {
    Path ready = dir.resolve("franka-bridge.ready");
    Path log = dir.resolve("franka-bridge.log");
    Process process =
        new ProcessBuilder(
                home.resolve("franka-bridge/bin/franka-bridge").toString(),
                "serve",
                "--config",
                home.resolve("franka-bridge/config/kinematic.example.toml").toString(),
                "--listen",
                "127.0.0.1:0",
                "--ready-file",
                ready.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long until = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!Files.exists(ready)) {
      if (!process.isAlive() || System.nanoTime() > until) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "franka-bridge did not become ready; its log:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    String address = Files.readString(ready, StandardCharsets.UTF_8).strip();
    return new FrankaBridgeProcess(process, log, address);
  }

  /** Returns {@code host:port} the bridge listens on. */
  String address() {
    return address;
  }

  /** Returns the bridge's log so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Sends SIGTERM, waits (at most 30 s) and returns the exit status (killed: -1). */
  int terminate() throws InterruptedException {
    process.destroy();
    if (process.waitFor(30, TimeUnit.SECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      terminate();
    }
  }
}
