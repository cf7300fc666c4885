package dev.latentmpc.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that stall, trickle or flood the metrics endpoint over real sockets on 127.0.0.1, while a
 * scrape must still be answered.
 */
class MetricsHttpServerHostileClientsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Socket> clients = new ArrayList<>();
  private MetricsHttpServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket client : clients) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    registry.close();
  }

  @Test
  void aStalledConnectionDoesNotBlockAScrapeAndIsStillServedWhenItGoesOn() throws Exception {
    start(new MetricsHttpServer.Limits(Duration.ofSeconds(60), 64, 8192, 2));
    Socket stalled = connect();
    write(stalled, "GET /met"); // half a request line, then silence

    assertThat(scrape().statusCode()).isEqualTo(200);
    assertThat(server.timedOutConnections()).isZero();
    assertThat(server.evictedConnections()).isZero();

    write(stalled, "rics HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(readAll(stalled)).startsWith("HTTP/1.1 200 OK").contains("test_requests_total 3.0");
  }

  @Test
  void aTricklingClientIsCutOffAtTheRequestTimeout() throws Exception {
    start(new MetricsHttpServer.Limits(Duration.ofMillis(800), 64, 8192, 2));
    Socket trickler = connect();
    trickler.setSoTimeout(50);
    byte[] request = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    boolean cutOff = false;
    int sent = 0;
    // One byte every 200 ms: the whole request would take 7 s and then be answered.
    while (!cutOff && sent < request.length) {
      try {
        trickler.getOutputStream().write(request[sent++]);
        cutOff = trickler.getInputStream().read() < 0;
      } catch (SocketTimeoutException e) {
        Thread.sleep(150); // nothing from the server yet; 50 ms went into the read
      } catch (IOException e) {
        cutOff = true; // reset by the server
      }
    }

    assertThat(cutOff).as("closed before the request completed").isTrue();
    assertThat(sent).isLessThan(request.length);
    assertThat(server.timedOutConnections()).isEqualTo(1);
    assertThat(scrape().statusCode()).isEqualTo(200);
  }

  @Test
  void aFloodOfIdleConnectionsDoesNotBlockAScrape() throws Exception {
    int maxConnections = 16;
    int flood = 300;
    start(new MetricsHttpServer.Limits(Duration.ofSeconds(60), maxConnections, 8192, 2));
    for (int i = 0; i < flood; i++) {
      write(connect(), "GET /metrics HTTP/1.1\r\n"); // headers never end
    }

    HttpResponse<String> response = scrape();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("test_requests_total 3.0");
    // The flood was accepted before the scrape, each one beyond the limit closing the oldest.
    assertThat(server.evictedConnections()).isGreaterThanOrEqualTo(flood + 1 - maxConnections);
    assertThat(readAll(clients.get(0))).as("the oldest flood connection was closed").isEmpty();
  }

  @Test
  void anOverlongHeadIsRefusedWith431() throws Exception {
    start(new MetricsHttpServer.Limits(Duration.ofSeconds(60), 64, 256, 2));
    Socket client = connect();
    write(client, "GET /metrics HTTP/1.1\r\nX-Filler: " + "a".repeat(400) + "\r\n\r\n");

    assertThat(readAll(client)).startsWith("HTTP/1.1 431 ");
  }

  @Test
  void aMalformedRequestLineIsRefusedWith400() throws Exception {
    start(MetricsHttpServer.Limits.DEFAULT);
    Socket client = connect();
    write(client, "\r\nGET /metrics\r\n\r\n");

    assertThat(readAll(client)).startsWith("HTTP/1.1 400 ");
  }

  private void start(MetricsHttpServer.Limits limits) throws IOException {
    Counter.builder("test.requests").register(registry).increment(3);
    server = MetricsHttpServer.start("127.0.0.1", 0, registry, limits);
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    clients.add(socket);
    return socket;
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads until the server closes the connection (bounded by a 10 s read timeout). */
  private static String readAll(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed within 10 s", e);
    } catch (IOException e) {
      return ""; // reset by the server
    }
  }

  private HttpResponse<String> scrape() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(10)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
