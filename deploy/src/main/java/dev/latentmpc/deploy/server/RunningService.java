package dev.latentmpc.deploy.server;

import dev.latentmpc.deploy.config.ApiSettings;
import dev.latentmpc.deploy.config.MetricsSettings;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.metrics.MetricsHttpServer;
import dev.latentmpc.deploy.metrics.ServiceMeters;
import dev.latentmpc.deploy.security.ServerTls;
import dev.latentmpc.deploy.security.Slf4jAuditSink;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Everything {@code latent-mpc serve} runs, composed from the configuration and started and stopped
 * together: the meter registry and its {@code /metrics} endpoint, the robot's IO, the backend and
 * the operator API.
 *
 * <p>Start: meters, the metrics endpoint (so a refused port is reported before the model loads),
 * IO, backend, operator API, and with {@code api.healthPort} a plaintext listener serving only the
 * health service (for probes that cannot speak TLS). Stop ({@link #close}): the operator API's
 * graceful shutdown (health NOT_SERVING, arm stopped, calls drained, IO and model closed), then the
 * health listener, then the metrics endpoint, so that a scrape during shutdown still sees the final
 * counts, then the registry.
 */
public final class RunningService implements AutoCloseable {
  private final ServiceMeters meters;
  private final Optional<MetricsHttpServer> metrics;
  private final OperatorServer operator;
  private Optional<Server> healthListener = Optional.empty();
  private boolean closed;

  private RunningService(
      ServiceMeters meters, Optional<MetricsHttpServer> metrics, OperatorServer operator) {
    this.meters = meters;
    this.metrics = metrics;
    this.operator = operator;
  }

  /**
   * Composes and starts the service.
   *
   * @param config the validated configuration; {@code metrics.port} -1 serves no endpoint
   * @param apiBuilder transport and address of the operator API (the test seam)
   * @param clockNanos the monotonic clock of the IO and the controller
   * @param serverVersion reported by GetServerInfo
   * @return the running service
   * @throws ListenException when the metrics endpoint or the operator API cannot be bound;
   *     everything opened so far is closed again
   */
  public static RunningService start(
      ServeConfig config,
      ServerBuilder<?> apiBuilder,
      LongSupplier clockNanos,
      String serverVersion)
      throws ListenException {
    ServiceMeters meters = ServiceMeters.create();
    Optional<MetricsHttpServer> metrics;
    try {
      metrics = startMetrics(config.metrics(), meters);
    } catch (ListenException e) {
      meters.close();
      throw e;
    }
    OperatorServer operator;
    try {
      RobotIo io = RobotIoFactory.open(config.robot(), clockNanos, meters.registry());
      ControlBackend backend =
          ControlBackend.assemble(config, io, clockNanos, serverVersion, meters.registry());
      operator =
          new OperatorServer(
              apiBuilder,
              backend,
              config.api().shutdownGrace(),
              config.robot().healthProbePeriod(),
              meters.registry(),
              ServerTls.interceptor(
                  config.security(), List.of(config.robot().robotId()), new Slf4jAuditSink()));
    } catch (RuntimeException e) {
      metrics.ifPresent(MetricsHttpServer::close);
      meters.close();
      throw e;
    }
    RunningService service = new RunningService(meters, metrics, operator);
    try {
      operator.start();
    } catch (IOException e) {
      service.close();
      throw new ListenException(
          "cannot listen on "
              + config.api().host()
              + ":"
              + config.api().port()
              + " for the operator API ("
              + rootMessage(e)
              + "); pass another --port or --host",
          e);
    }
    try {
      service.startHealthListener(config.api());
    } catch (IOException e) {
      service.close();
      throw new ListenException(
          "cannot listen on "
              + config.api().host()
              + ":"
              + config.api().healthPort()
              + " for the health listener ("
              + rootMessage(e)
              + "); pass another --set api.healthPort=N (-1 = none)",
          e);
    }
    return service;
  }

  private void startHealthListener(ApiSettings api) throws IOException {
    if (api.healthPort() == ApiSettings.NO_HEALTH_PORT) {
      return;
    }
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(api.host(), api.healthPort()))
            .addService(operator.healthService())
            .build()
            .start();
    healthListener = Optional.of(server);
  }

  /** Returns the port of the plaintext health listener; empty without {@code api.healthPort}. */
  public Optional<Integer> healthPort() {
    return healthListener.map(Server::getPort);
  }

  private static Optional<MetricsHttpServer> startMetrics(
      MetricsSettings settings, ServiceMeters meters) throws ListenException {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          MetricsHttpServer.start(settings.host(), settings.port(), meters.registry()));
    } catch (IOException | RuntimeException e) {
      throw new ListenException(
          "cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + " for metrics ("
              + rootMessage(e)
              + "); pass another --set metrics.port=N (0 = any free port, -1 = no metrics)",
          e);
    }
  }

  /** Returns the operator API server. */
  public OperatorServer operator() {
    return operator;
  }

  /** Returns the metrics endpoint; empty when {@code metrics.port} is -1. */
  public Optional<MetricsHttpServer> metrics() {
    return metrics;
  }

  /** Returns the registry every meter of the service is on. */
  public ServiceMeters meters() {
    return meters;
  }

  /** Blocks until the operator API has terminated. */
  public void awaitTermination() throws InterruptedException {
    operator.awaitTermination();
  }

  /** Shuts down gracefully (operator API, then metrics endpoint, then registry); idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      operator.close();
    } finally {
      healthListener.ifPresent(Server::shutdownNow);
      metrics.ifPresent(MetricsHttpServer::close);
      meters.close();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** An endpoint (operator API or metrics) could not be bound; the message says which and why. */
  public static final class ListenException extends IOException {
    private static final long serialVersionUID = 1L;

    ListenException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
