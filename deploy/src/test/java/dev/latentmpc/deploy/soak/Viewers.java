package dev.latentmpc.deploy.soak;

import dev.latentmpc.controller.rpc.BearerToken;
import dev.latentmpc.deploy.server.HealthWatch;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.GetServerInfoRequest;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The watchers of a soak run: viewer clients, each on its own TLS channel with a viewer token,
 * holding a health {@code Watch} stream open and polling {@code GetStatus} (and now and then {@code
 * GetServerInfo}); every {@code reconnectEvery} each drops its channel and opens a new one (so
 * per-connection leaks show). Optionally a Prometheus-like scrape of {@code GET /metrics}. Runs on
 * its own scheduler; {@link #close()} stops everything and closes every channel.
 */
final class Viewers implements AutoCloseable {
  private static final Duration POLL_EVERY = Duration.ofMillis(100);
  private static final Duration SCRAPE_EVERY = Duration.ofSeconds(2);

  private final Function<Integer, ManagedChannel> channels;
  private final Function<Integer, String> tokens;
  private final Duration reconnectEvery;
  private final ScheduledExecutorService scheduler;
  private final List<Viewer> viewers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  final AtomicLong calls = new AtomicLong();
  final AtomicLong healthUpdates = new AtomicLong();
  final AtomicLong scrapes = new AtomicLong();
  final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

  /**
   * Starts {@code count} viewers.
   *
   * @param count how many
   * @param channels opens viewer {@code i}'s channel (with its credentials)
   * @param tokens viewer {@code i}'s bearer token
   * @param reconnectEvery how often each viewer replaces its channel
   * @param metricsUrl scraped every 2 s when present
   */
  Viewers(
      int count,
      Function<Integer, ManagedChannel> channels,
      Function<Integer, String> tokens,
      Duration reconnectEvery,
      Optional<String> metricsUrl) {
    this.channels = channels;
    this.tokens = tokens;
    this.reconnectEvery = reconnectEvery;
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "soak-viewers");
              t.setDaemon(true);
              return t;
            });
    for (int i = 0; i < count; i++) {
      Viewer v = new Viewer(i);
      viewers.add(v);
      long offset = POLL_EVERY.toNanos() * i / count;
      scheduler.scheduleAtFixedRate(v::poll, offset, POLL_EVERY.toNanos(), TimeUnit.NANOSECONDS);
    }
    metricsUrl.ifPresent(url ->
        scheduler.scheduleAtFixedRate(
            () -> scrape(url), 0, SCRAPE_EVERY.toNanos(), TimeUnit.NANOSECONDS));
  }

  private void scrape(String url) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 || !r.body().contains("# TYPE")) {
        errors.add("GET /metrics: " + r.statusCode());
      }
      scrapes.incrementAndGet();
    } catch (Exception e) {
      errors.add("GET /metrics: " + e);
    }
  }

  /** Lets the polls in flight finish (no interrupt: that would fail them), then disconnects. */
  @Override
  public void close() {
    scheduler.shutdown(); // periodic polls stop; one in flight completes
    try {
      if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
        errors.add("a viewer poll did not finish within 60 s of the end");
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Viewer v : viewers) {
      v.disconnect();
    }
    http.close();
  }

  /** One viewer: a channel, its health watch, and the polls; touched by one task at a time. */
  private final class Viewer {
    private final int index;
    private ManagedChannel channel;
    private long connectedAtNanos;
    private int polls;

    Viewer(int index) {
      this.index = index;
    }

    synchronized void poll() {
      try {
        if (channel == null || System.nanoTime() - connectedAtNanos > reconnectEvery.toNanos()) {
          disconnect();
          connect();
        }
        var stub =
            ControlGrpc.newBlockingStub(channel)
                .withInterceptors(BearerToken.interceptor(tokens.apply(index)))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        stub.getStatus(GetStatusRequest.getDefaultInstance());
        if (++polls % 20 == 0) {
          stub.getServerInfo(GetServerInfoRequest.getDefaultInstance());
        }
        calls.incrementAndGet();
      } catch (StatusRuntimeException e) {
        errors.add("viewer " + index + ": " + e.getStatus());
      }
    }

    private void connect() {
      channel = channels.apply(index);
      connectedAtNanos = System.nanoTime();
      // The stream is cancelled when the channel is replaced or closed.
      HealthWatch.watch(channel, status -> healthUpdates.incrementAndGet());
    }

    synchronized void disconnect() {
      if (channel != null) {
        channel.shutdownNow();
        try {
          channel.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        channel = null;
      }
    }
  }
}
