package dev.latentmpc.simharness.bridge;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.rpc.ParseFailureLog;
import dev.latentmpc.controller.rpc.ParseGuard;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge server's lifecycle: the {@code RobotBridge} service plus the standard gRPC health
 * service and server reflection, started on a caller-supplied {@link ServerBuilder} and shut down
 * gracefully (health NOT_SERVING, arm stopped, in-flight calls given a grace period). Each service
 * is wrapped in a {@link ParseGuard}: a request that does not parse is answered INVALID_ARGUMENT
 * naming its message type and logged as one rate-limited line.
 *
 * <p>The builder is the seam: the CLI passes a Netty builder bound to a host and port, tests pass
 * one bound to 127.0.0.1 port 0 (or an in-process builder). The server never closes the arm or the
 * camera: whoever created them owns them.
 *
 * <p>While serving, a daemon thread checks the {@link BridgeWatchdog} every {@link
 * #WATCHDOG_CHECK_PERIOD}: once a controller armed it with {@code Heartbeat}, the arm is stopped
 * when that controller goes silent for longer than its timeout.
 */
public final class SimBridgeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimBridgeServer.class);

  /** Default grace period for in-flight calls at shutdown. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  /** How often the watchdog is checked: a small fraction of any sensible heartbeat timeout. */
  public static final Duration WATCHDOG_CHECK_PERIOD = Duration.ofMillis(10);

  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final RobotBridgeService service;
  private final ScheduledExecutorService watchdogTicks;
  private boolean started;
  private boolean stopped;

  /**
   * Builds (but does not start) the server.
   *
   * @param builder the transport, address and executor to serve on
   * @param arm the arm to serve
   * @param camera the camera to serve
   * @param info static facts and per-call bounds reported by {@code GetInfo}
   * @param clock wall clock and the arm's and camera's monotonic clock
   */
  public SimBridgeServer(
      ServerBuilder<?> builder, ArmIO arm, CameraIO camera, BridgeInfo info, BridgeClock clock) {
    this(builder, arm, camera, info, clock, System::nanoTime);
  }

  /**
   * Builds (but does not start) the server, with the watchdog measuring silence on {@code
   * watchdogNanos} (a test clock; the check still runs every {@link #WATCHDOG_CHECK_PERIOD}).
   *
   * @param builder the transport, address and executor to serve on
   * @param arm the arm to serve
   * @param camera the camera to serve
   * @param info static facts and per-call bounds reported by {@code GetInfo}
   * @param clock wall clock and the arm's and camera's monotonic clock
   * @param watchdogNanos the watchdog's monotonic clock
   */
  public SimBridgeServer(
      ServerBuilder<?> builder,
      ArmIO arm,
      CameraIO camera,
      BridgeInfo info,
      BridgeClock clock,
      LongSupplier watchdogNanos) {
    Objects.requireNonNull(builder, "builder is null");
    this.service = new RobotBridgeService(arm, camera, info, clock, watchdogNanos);
    this.watchdogTicks =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "bridge-watchdog");
          t.setDaemon(true);
          return t;
        });
    ParseFailureLog parseFailures = new ParseFailureLog("sim bridge");
    for (ServerServiceDefinition definition :
        List.of(
            service.bindService(),
            health.getHealthService().bindService(),
            ProtoReflectionServiceV1.newInstance().bindService())) {
      builder.addService(ParseGuard.guard(definition, parseFailures, List.of()));
    }
    this.server = builder.build();
  }

  /**
   * Starts serving and marks the server and the {@code RobotBridge} service SERVING.
   *
   * @return this server
   * @throws IOException when the address cannot be bound
   */
  public synchronized SimBridgeServer start() throws IOException {
    if (started) {
      throw new IllegalStateException("the bridge server was already started");
    }
    server.start();
    started = true;
    long periodNanos = WATCHDOG_CHECK_PERIOD.toNanos();
    watchdogTicks.scheduleWithFixedDelay(
        service.watchdog()::check, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(RobotBridgeGrpc.SERVICE_NAME, ServingStatus.SERVING);
    LOG.info("bridge server listening on {}", server.getListenSockets());
    return this;
  }

  /** The bound port (the real one when the builder asked for port 0); -1 for in-process. */
  public int port() {
    return server.getPort();
  }

  /** Returns the watchdog that stops the arm when the controller goes silent. */
  public BridgeWatchdog watchdog() {
    return service.watchdog();
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Shuts down gracefully: health NOT_SERVING, no new calls, the arm stopped, in-flight calls given
   * {@code grace} to finish, then cancelled.
   *
   * @param grace how long in-flight calls may still run
   * @throws InterruptedException when interrupted while waiting
   */
  public synchronized void shutdown(Duration grace) throws InterruptedException {
    if (stopped) {
      return;
    }
    stopped = true;
    health.enterTerminalState();
    watchdogTicks.shutdownNow();
    server.shutdown();
    service.stopArmQuietly();
    if (!server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
      LOG.warn("calls still running after {}; cancelling them", grace);
      server.shutdownNow();
      server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
    }
    LOG.info("bridge server stopped");
  }

  /** Shuts down with the {@link #DEFAULT_GRACE default grace period}. */
  @Override
  public void close() {
    try {
      shutdown(DEFAULT_GRACE);
    } catch (InterruptedException e) {
      watchdogTicks.shutdownNow();
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
