package dev.latentmpc.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latentmpc.deploy.metrics.MetricsHttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's package, a child process) scrapes the metrics endpoint every second
 * while one connection holds half a request line and a flood of others hold unfinished heads: every
 * scrape succeeds.
 */
class PrometheusScrapeUnderStallTest {
  private static final int FLOOD = 200;
  private static final int SCRAPES = 5;

  @Test
  void prometheusKeepsScrapingWhileConnectionsStallAndFlood() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("test.requests").register(registry).increment(3);
    List<Socket> hostile = new ArrayList<>();
    try (MetricsHttpServer metrics = MetricsHttpServer.start("127.0.0.1", 0, registry)) {
      Socket stalled = new Socket("127.0.0.1", metrics.port());
      hostile.add(stalled);
      send(stalled, "GET /met");
      for (int i = 0; i < FLOOD; i++) {
        Socket flood = new Socket("127.0.0.1", metrics.port());
        hostile.add(flood);
        send(flood, "GET /metrics HTTP/1.1\r\n");
      }
      try (PrometheusServer prometheus =
          PrometheusServer.start(config("127.0.0.1:" + metrics.port()), List.of())) {
        double ups = awaitScrapes(prometheus);

        assertThat(ups).as("successful scrapes").isGreaterThanOrEqualTo(SCRAPES);
        JsonNode value =
            prometheus.vector("test_requests_total", System.currentTimeMillis() / 1000.0);
        assertThat(value.get(0).path("value").get(1).asDouble()).isEqualTo(3.0);
        JsonNode failed =
            prometheus.vector(
                "count_over_time(up[1m]) - sum_over_time(up[1m])",
                System.currentTimeMillis() / 1000.0);
        assertThat(failed.get(0).path("value").get(1).asDouble()).as("failed scrapes").isZero();
      }
    } finally {
      for (Socket socket : hostile) {
        socket.close();
      }
      registry.close();
    }
  }

  /** Waits (at most 60 s) until Prometheus has recorded {@link #SCRAPES} scrapes; returns ups. */
  private static double awaitScrapes(PrometheusServer prometheus) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    double ups = 0;
    while (System.nanoTime() < deadline) {
      JsonNode result =
          prometheus.vector("sum_over_time(up[1m])", System.currentTimeMillis() / 1000.0);
      ups = result.isEmpty() ? 0 : result.get(0).path("value").get(1).asDouble();
      if (ups >= SCRAPES) {
        return ups;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Prometheus recorded "
            + ups
            + " successful scrapes in 60 s; its log:\n"
            + prometheus.log());
  }

  private static void send(Socket socket, String text) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String config(String target) {
    return """
    global:
      scrape_interval: 1s
      scrape_timeout: 1s
    scrape_configs:
      - job_name: latent-mpc
        static_configs:
          - targets: ['%s']
    """
        .formatted(target);
  }
}
