package dev.latentmpc.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MetricsHttpServer} over real HTTP on a free loopback port. */
class MetricsHttpServerTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsHttpServer server;

  @BeforeEach
  void start() throws IOException {
    Counter.builder("test.requests").description("Test requests").register(registry).increment(3);
    server = MetricsHttpServer.start("127.0.0.1", 0, registry);
  }

  @AfterEach
  void stop() {
    server.close();
    registry.close();
  }

  @Test
  void getMetricsAnswersTheScrapeInTextFormat004() throws Exception {
    HttpResponse<String> response = send("GET", "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("# TYPE test_requests_total counter")
        .contains("test_requests_total 3.0");
    assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/metrics");
  }

  @Test
  void headAnswersHeadersOnly() throws Exception {
    HttpResponse<String> response = send("HEAD", "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void otherPathsAre404AndOtherMethods405() throws Exception {
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/metrics/extra").statusCode()).isEqualTo(404);
    HttpResponse<String> post = send("POST", "/metrics");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void closeReleasesThePortAndIsIdempotent() throws Exception {
    int port = server.port();

    server.close();
    server.close();

    server = MetricsHttpServer.start("127.0.0.1", port, registry);
    assertThat(send("GET", "/metrics").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> send(String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
