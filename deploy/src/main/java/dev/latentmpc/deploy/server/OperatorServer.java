package dev.latentmpc.deploy.server;

import dev.latentmpc.controller.rpc.ParseFailureLog;
import dev.latentmpc.controller.rpc.ParseGuard;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator API server's lifecycle: the {@code Control} service of a {@link ControlBackend}, the
 * standard gRPC health service (kept truthful by a {@link HealthMonitor}) and server reflection, on
 * a caller-supplied {@link ServerBuilder}. Each service is wrapped in a {@link ParseGuard}: a
 * request that does not parse is answered INVALID_ARGUMENT naming its message type, audited with
 * that status and logged as one rate-limited line.
 *
 * <p>The builder is the seam: {@code serve} passes a Netty builder bound to the configured address,
 * tests one bound to 127.0.0.1 port 0 or an in-process builder. {@link #shutdown} is graceful:
 * health goes NOT_SERVING, no new calls are accepted, a running task is cancelled with the arm
 * stopped at once (its stream still delivers the CANCELLED outcome), in-flight calls get the grace
 * period, then the IO and the model are closed. The server owns the backend.
 */
public final class OperatorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorServer.class);

  /** Largest inbound message: a raw 4096 × 4096 RGB goal image (48 MiB) fits. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final Server server;
  private final ControlBackend backend;
  private final HealthMonitor health;
  private final HealthStatusManager healthStatus = new HealthStatusManager();
  private final Duration grace;
  private final Duration probePeriod;
  private final ParseFailureLog parseFailures = new ParseFailureLog("operator API");
  private boolean started;
  private boolean stopped;

  /**
   * Builds (but does not start) the server.
   *
   * @param builder transport, address and executor to serve on
   * @param backend the composed service; owned by this server from now on
   * @param grace how long in-flight calls may run at shutdown before they are cancelled
   * @param probePeriod how often the health monitor checks the robot
   */
  public OperatorServer(
      ServerBuilder<?> builder, ControlBackend backend, Duration grace, Duration probePeriod) {
    // An empty composite registry records nothing.
    this(builder, backend, grace, probePeriod, new CompositeMeterRegistry());
  }

  /**
   * Builds (but does not start) the server, with gRPC server metrics on {@code registry}:
   * Micrometer's {@link MetricCollectingServerInterceptor} on every service ({@code
   * grpc_server_processing_duration_seconds}, {@code grpc_server_requests_received_messages_total},
   * {@code grpc_server_responses_sent_messages_total}, by service, method and status), the {@code
   * Control} methods registered up front.
   *
   * @param builder transport, address and executor to serve on
   * @param backend the composed service; owned by this server from now on
   * @param grace how long in-flight calls may run at shutdown before they are cancelled
   * @param probePeriod how often the health monitor checks the robot
   * @param registry where the gRPC server meters live
   */
  public OperatorServer(
      ServerBuilder<?> builder,
      ControlBackend backend,
      Duration grace,
      Duration probePeriod,
      MeterRegistry registry) {
    this(builder, backend, grace, probePeriod, registry, null);
  }

  /**
   * Builds (but does not start) the server with gRPC server metrics and a security interceptor
   * (authentication, roles, lease, audit) that runs inside the metrics interceptor, so refused
   * calls are counted too.
   *
   * @param security the security interceptor; null for none
   */
  public OperatorServer(
      ServerBuilder<?> builder,
      ControlBackend backend,
      Duration grace,
      Duration probePeriod,
      MeterRegistry registry,
      ServerInterceptor security) {
    Objects.requireNonNull(builder, "builder");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.grace = Objects.requireNonNull(grace, "grace");
    this.probePeriod = Objects.requireNonNull(probePeriod, "probePeriod");
    MetricCollectingServerInterceptor grpcMetrics = new MetricCollectingServerInterceptor(registry);
    grpcMetrics.preregisterService(backend.controlService());
    health =
        new HealthMonitor(
            healthStatus,
            List.of(ControlGrpc.SERVICE_NAME),
            backend::probeRobot,
            backend.modelFailure());
    // The security interceptor reads requests, so it sits inside the parse guard of each service;
    // the metrics interceptor only counts calls and statuses, so it wraps the raw calls.
    List<ServerInterceptor> typed = security == null ? List.of() : List.of(security);
    builder.maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES).intercept(grpcMetrics);
    for (ServerServiceDefinition service :
        List.of(
            backend.controlService(),
            healthStatus.getHealthService().bindService(),
            ProtoReflectionServiceV1.newInstance().bindService())) {
      builder.addService(ParseGuard.guard(service, parseFailures, typed));
    }
    server = builder.build();
  }

  /**
   * Probes the robot once (so health is right from the first call), then starts serving.
   *
   * @return this server
   * @throws IOException when the address cannot be bound
   */
  public synchronized OperatorServer start() throws IOException {
    if (started) {
      throw new IllegalStateException("the operator server was already started");
    }
    health.start(probePeriod);
    server.start();
    started = true;
    LOG.info("operator API listening on {}", server.getListenSockets());
    return this;
  }

  /** Returns the bound port (the real one when the builder asked for port 0); -1 in-process. */
  public int port() {
    return server.getPort();
  }

  /** Returns the backend behind the API. */
  public ControlBackend backend() {
    return backend;
  }

  /** Returns the health monitor (its current problem, if any). */
  public HealthMonitor health() {
    return health;
  }

  /**
   * Returns the health service this server answers with, guarded against unparseable requests, for
   * a second listener that serves only it (a plaintext port for probes that cannot speak TLS): both
   * report the same status.
   */
  public ServerServiceDefinition healthService() {
    return ParseGuard.guard(healthStatus.getHealthService(), parseFailures, List.of());
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Shuts down gracefully; idempotent. Health NOT_SERVING and no new calls; the running task is
   * cancelled and the arm stopped at once; in-flight calls get the grace period, then are
   * cancelled; last the IO and the model are closed.
   */
  public synchronized void shutdown() throws InterruptedException {
    if (stopped) {
      return;
    }
    stopped = true;
    LOG.info("operator API shutting down");
    health.close();
    server.shutdown();
    try {
      backend.stopTasks("the server is shutting down");
      if (!server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn("calls still running after {}; cancelling them", grace);
        server.shutdownNow();
        server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
      }
    } finally {
      backend.close();
      LOG.info("operator API stopped");
    }
  }

  /** Shuts down (see {@link #shutdown}); never throws. */
  @Override
  public void close() {
    try {
      shutdown();
    } catch (InterruptedException e) {
      server.shutdownNow();
      backend.close();
      Thread.currentThread().interrupt();
    }
  }
}
