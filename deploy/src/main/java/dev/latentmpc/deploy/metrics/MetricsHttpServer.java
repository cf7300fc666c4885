package dev.latentmpc.deploy.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} (or {@code HEAD}) answers the registry's
 * scrape in text format 0.0.4; any other path is 404 and any other method 405. The JDK's own HTTP
 * server on one daemon thread: a scrape every few seconds needs no more.
 *
 * <p>{@link #close()} stops accepting connections, lets a scrape in progress finish (at most {@link
 * #STOP_GRACE_SECONDS} s) and releases the port.
 */
public final class MetricsHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);

  /** The path served. */
  public static final String PATH = "/metrics";

  /** Content type of the Prometheus text format, version 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** The longest {@link #close()} waits for a scrape in progress. */
  public static final int STOP_GRACE_SECONDS = 1;

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private boolean closed;

  private MetricsHttpServer(
      HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
  }

  /**
   * Binds {@code host:port} and starts serving {@code registry}.
   *
   * @param host address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
   * @param port TCP port; 0 binds any free port
   * @param registry what {@code GET /metrics} returns
   * @return the running endpoint
   * @throws IOException when the address cannot be bound
   */
  public static MetricsHttpServer start(String host, int port, PrometheusMeterRegistry registry)
      throws IOException {
    Objects.requireNonNull(registry, "registry");
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "metrics-http");
          t.setDaemon(true);
          return t;
        });
    MetricsHttpServer metrics = new MetricsHttpServer(server, executor, registry);
    server.createContext("/", metrics::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info("metrics endpoint listening on {}", metrics.url());
    return metrics;
  }

  /** Returns the bound port (the real one when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns the scrape URL, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public String url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return "http://" + host + ":" + address.getPort() + PATH;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        respond(exchange, 404, "not found; Prometheus metrics are at " + PATH + "\n");
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "method not allowed; use GET\n");
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (RuntimeException e) {
      LOG.warn("serving {} failed", PATH, e);
      throw e;
    }
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops serving (a scrape in progress gets {@link #STOP_GRACE_SECONDS} s); idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(STOP_GRACE_SECONDS);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("metrics endpoint stopped");
  }
}
