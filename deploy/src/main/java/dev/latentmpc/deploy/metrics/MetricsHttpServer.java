package dev.latentmpc.deploy.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} (or {@code HEAD}) answers the registry's
 * scrape in text format 0.0.4 and closes the connection; any other path is 404, any other method
 * 405, a malformed request line 400.
 *
 * <p>No client can keep it from answering others ({@link Limits}): every connection is served on
 * its own virtual thread, so one that stalls or trickles holds only that thread; each connection is
 * closed {@link Limits#requestTimeout} after it was accepted, whatever it is doing (reading a head
 * that trickles in, or writing to a client that does not read); at most {@link
 * Limits#maxConnections} are open, and a new one closes the oldest, so a flood of idle connections
 * cannot lock a scraper out; at most {@link Limits#maxConcurrentScrapes} scrapes are rendered at
 * once (the rest wait within their time limit, then get 503); a request head is at most {@link
 * Limits#maxHeadBytes}. The JDK's own {@code HttpServer}, used before, read every request head on
 * its executor's threads with no time limit of its own, so one connection that sent half a request
 * line blocked every scrape.
 *
 * <p>{@link #close()} stops accepting connections, lets requests in progress finish (at most {@link
 * #STOP_GRACE_SECONDS} s) and releases the port.
 */
public final class MetricsHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);

  /** The path served. */
  public static final String PATH = "/metrics";

  /** Content type of the Prometheus text format, version 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** The longest {@link #close()} waits for requests in progress. */
  public static final int STOP_GRACE_SECONDS = 1;

  /**
   * What one client may hold of the endpoint.
   *
   * @param requestTimeout how long a connection lives from accept to close: its request must arrive
   *     and its response be written within it
   * @param maxConnections open connections at most; accepting one more closes the oldest
   * @param maxHeadBytes longest request line plus headers (431 beyond)
   * @param maxConcurrentScrapes scrapes rendered at the same time at most
   */
  public record Limits(
      Duration requestTimeout, int maxConnections, int maxHeadBytes, int maxConcurrentScrapes) {
    /**
     * 10 s per connection (Prometheus's default scrape timeout; its request arrives in one packet),
     * 64 connections, 8 KiB heads, 2 scrapes at once.
     */
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 64, 8192, 2);

    /** Checks the values. */
    public Limits {
      if (requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
      }
      if (maxConnections < 1 || maxHeadBytes < 64 || maxConcurrentScrapes < 1) {
        throw new IllegalArgumentException(
            "limits too small: "
                + maxConnections
                + " connections, "
                + maxHeadBytes
                + " head bytes, "
                + maxConcurrentScrapes
                + " scrapes");
      }
    }
  }

  private final ServerSocket listener;
  private final PrometheusMeterRegistry registry;
  private final Limits limits;
  private final Semaphore scrapes;
  private final ScheduledExecutorService deadlines;
  private final ThreadFactory connectionThreads =
      Thread.ofVirtual().name("metrics-http-connection-", 0).factory();
  private final LinkedHashSet<Connection> open = new LinkedHashSet<>(); // guarded by itself
  private final AtomicLong timedOut = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closed;

  private MetricsHttpServer(
      ServerSocket listener, PrometheusMeterRegistry registry, Limits limits) {
    this.listener = listener;
    this.registry = registry;
    this.limits = limits;
    this.scrapes = new Semaphore(limits.maxConcurrentScrapes(), true);
    this.deadlines =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("metrics-http-deadlines").daemon().factory());
    this.acceptor = Thread.ofPlatform().name("metrics-http").daemon().unstarted(this::acceptLoop);
  }

  /**
   * Binds {@code host:port} and starts serving {@code registry} with the {@link Limits#DEFAULT
   * default limits}.
   *
   * @param host address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
   * @param port TCP port; 0 binds any free port
   * @param registry what {@code GET /metrics} returns
   * @return the running endpoint
   * @throws IOException when the address cannot be bound
   */
  public static MetricsHttpServer start(String host, int port, PrometheusMeterRegistry registry)
      throws IOException {
    return start(host, port, registry, Limits.DEFAULT);
  }

  /**
   * Binds {@code host:port} and starts serving {@code registry} within {@code limits}.
   *
   * @throws IOException when the address cannot be bound
   */
  public static MetricsHttpServer start(
      String host, int port, PrometheusMeterRegistry registry, Limits limits) throws IOException {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(limits, "limits");
    ServerSocket listener = new ServerSocket();
    try {
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(host, port), 128);
    } catch (IOException | RuntimeException e) {
      listener.close();
      throw e;
    }
    MetricsHttpServer metrics = new MetricsHttpServer(listener, registry, limits);
    metrics.acceptor.start();
    LOG.info("metrics endpoint listening on {}", metrics.url());
    return metrics;
  }

  /** Returns the bound port (the real one when started with port 0). */
  public int port() {
    return listener.getLocalPort();
  }

  /** Returns the scrape URL, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public String url() {
    InetAddress address = listener.getInetAddress();
    String host = address.getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return "http://" + host + ":" + port() + PATH;
  }

  /** Returns how many connections were closed for outliving the request timeout. */
  public long timedOutConnections() {
    return timedOut.get();
  }

  /** Returns how many connections were closed to make room for a newer one. */
  public long evictedConnections() {
    return evicted.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("metrics endpoint: accept failed: {}", e.toString());
        }
        continue;
      }
      admit(new Connection(socket));
    }
  }

  private void admit(Connection connection) {
    Connection oldest = null;
    synchronized (open) {
      if (open.size() >= limits.maxConnections()) {
        oldest = open.iterator().next();
        open.remove(oldest);
      }
      open.add(connection);
    }
    if (oldest != null) {
      evicted.incrementAndGet();
      oldest.abort();
    }
    connection.deadline =
        deadlines.schedule(
            () -> {
              if (connection.abort()) {
                timedOut.incrementAndGet();
              }
            },
            limits.requestTimeout().toNanos(),
            TimeUnit.NANOSECONDS);
    connectionThreads.newThread(() -> serve(connection)).start();
  }

  private void serve(Connection connection) {
    try (Socket socket = connection.socket) {
      socket.setTcpNoDelay(true);
      HttpResponse response;
      try {
        RequestHead head =
            RequestHead.read(
                new BufferedInputStream(socket.getInputStream()), limits.maxHeadBytes());
        response = answer(head, connection);
      } catch (RequestHead.Refused e) {
        response = HttpResponse.text(e.status, e.getMessage() + "\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(response.bytes());
      out.flush();
      socket.shutdownOutput();
    } catch (IOException e) {
      // The client went away, or its time ran out and the connection was closed under it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connection.deadline.cancel(false);
      connection.abort();
      synchronized (open) {
        open.remove(connection);
      }
    }
  }

  private HttpResponse answer(RequestHead head, Connection connection) throws InterruptedException {
    if (!PATH.equals(head.path())) {
      return HttpResponse.text(404, "not found; Prometheus metrics are at " + PATH + "\n");
    }
    boolean isHead = head.method().equals("HEAD");
    if (!isHead && !head.method().equals("GET")) {
      return HttpResponse.text(405, "method not allowed; use GET\n").withAllow("GET, HEAD");
    }
    long leftNanos = connection.remainingNanos(limits.requestTimeout());
    if (!scrapes.tryAcquire(leftNanos, TimeUnit.NANOSECONDS)) {
      return HttpResponse.text(503, "too many scrapes at once; try again\n");
    }
    try {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      return new HttpResponse(200, CONTENT_TYPE, body, isHead, null);
    } finally {
      scrapes.release();
    }
  }

  /** Stops serving (requests in progress get {@link #STOP_GRACE_SECONDS} s); idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      listener.close();
      acceptor.join(TimeUnit.SECONDS.toMillis(STOP_GRACE_SECONDS));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
      while (System.nanoTime() < until && !openConnections().isEmpty()) {
        Thread.sleep(10); // requests in progress finish on their own threads
      }
    } catch (IOException e) {
      LOG.warn("metrics endpoint: closing the listener failed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      openConnections().forEach(Connection::abort);
      deadlines.shutdownNow();
    }
    LOG.info("metrics endpoint stopped");
  }

  private List<Connection> openConnections() {
    synchronized (open) {
      return new ArrayList<>(open);
    }
  }
}
