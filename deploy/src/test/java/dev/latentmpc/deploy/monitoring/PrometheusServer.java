package dev.latentmpc.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server as a child process on 127.0.0.1, with its own temporary configuration
 * and storage, for the tests. {@link #close} always ends the process (SIGTERM, then SIGKILL) and
 * deletes the folder; a JVM shutdown hook does the same if the test JVM exits first.
 */
final class PrometheusServer implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int START_ATTEMPTS = 3;

  private final Path dir;
  private final Process process;
  private final Thread killer;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  private PrometheusServer(Path dir, Process process, Thread killer, int port) {
    this.dir = dir;
    this.process = process;
    this.killer = killer;
    this.port = port;
  }

  /**
   * Starts Prometheus with {@code config} (prometheus.yml content; it may name rule files copied
   * next to it with {@code ruleFiles}) and waits until it reports ready.
   *
   * <p>Prometheus cannot listen on port 0, so a free port is found by binding a socket first; if
   * another process takes it in between, the start is retried on a new port.
   */
  static PrometheusServer start(String config, List<Path> ruleFiles)
      throws IOException, InterruptedException {
    Path binary = PrometheusTools.prometheus();
    Path dir = Files.createTempDirectory("latent-mpc-prometheus");
    try {
      Files.writeString(dir.resolve("prometheus.yml"), config);
      for (Path rules : ruleFiles) {
        Files.copy(rules, dir.resolve(rules.getFileName()));
      }
      String lastLog = "";
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        int port = freeLoopbackPort();
        Path log = dir.resolve("prometheus-" + attempt + ".log");
        Process process =
            new ProcessBuilder(
                    binary.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Thread killer = new Thread(process::destroyForcibly, "prometheus-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        PrometheusServer server = new PrometheusServer(dir, process, killer, port);
        if (server.awaitReady()) {
          return server;
        }
        server.stopProcess();
        lastLog = Files.readString(log);
        if (!lastLog.contains("address already in use")) {
          break;
        }
      }
      throw new IllegalStateException(
          "Prometheus (" + binary + ") did not become ready; its log:\n" + lastLog);
    } catch (IOException | InterruptedException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  /** Returns the HTTP port Prometheus listens on (127.0.0.1). */
  int port() {
    return port;
  }

  /**
   * Evaluates an instant query at {@code timeSeconds} (Unix time) through {@code /api/v1/query} and
   * returns the whole response ({@code status}, {@code data.resultType}, {@code data.result}). An
   * HTTP error status still returns Prometheus's JSON (status "error" and the reason).
   */
  JsonNode query(String promql, double timeSeconds) throws IOException, InterruptedException {
    String url =
        "http://127.0.0.1:%d/api/v1/query?query=%s&time=%.3f"
            .formatted(port, URLEncoder.encode(promql, StandardCharsets.UTF_8), timeSeconds);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(response.body());
  }

  /** Returns {@code /api/v1/rules}: every rule group with each rule's health and last error. */
  JsonNode rules() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/rules"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(response.body());
  }

  /** Returns the result vector of a successful instant query; fails on an error status. */
  JsonNode vector(String promql, double timeSeconds) throws IOException, InterruptedException {
    JsonNode response = query(promql, timeSeconds);
    if (!"success".equals(response.path("status").asText())) {
      throw new AssertionError("query failed: " + promql + " -> " + response);
    }
    return response.path("data").path("result");
  }

  /** Returns Prometheus's log so far (for failure messages). */
  String log() {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".log"))
          .sorted()
          .reduce("", (s, f) -> s + readQuietly(f), String::concat);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      stopProcess();
    } finally {
      deleteTree(dir);
    }
  }

  private boolean awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(POLL.toMillis());
    }
    return false;
  }

  private void stopProcess() throws InterruptedException {
    try {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
