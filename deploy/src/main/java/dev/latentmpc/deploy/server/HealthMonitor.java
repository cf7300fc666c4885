package dev.latentmpc.deploy.server;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the standard gRPC health service ({@code grpc.health.v1.Health}) truthful: NOT_SERVING
 * while the model failed to load or the robot does not answer (a bridge that is down), SERVING
 * otherwise. The robot is probed at start and then periodically, on one daemon thread; changes are
 * logged once each.
 *
 * <p>The overall status ({@code ""}) and each named service share the one status.
 */
public final class HealthMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

  /** A check of the robot side; throws when it does not answer. */
  @FunctionalInterface
  public interface Probe {
    /** Returns normally when the robot answers. */
    void check() throws Exception;
  }

  private final HealthStatusManager health;
  private final List<String> services;
  private final Probe probe;
  private final Optional<String> modelFailure;
  private final ScheduledExecutorService scheduler;
  private String lastProblem = "(not yet probed)"; // guarded by this
  private boolean closed; // guarded by this

  /**
   * Creates the monitor; nothing is probed before {@link #start}.
   *
   * @param health the health service's status manager
   * @param services the service names whose status follows the overall one
   * @param probe checks the robot side
   * @param modelFailure why the model did not load; present keeps the status NOT_SERVING
   */
  public HealthMonitor(
      HealthStatusManager health,
      List<String> services,
      Probe probe,
      Optional<String> modelFailure) {
    this.health = Objects.requireNonNull(health, "health");
    this.services = List.copyOf(services);
    this.probe = Objects.requireNonNull(probe, "probe");
    this.modelFailure = Objects.requireNonNull(modelFailure, "modelFailure");
    scheduler =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "health-probe");
          t.setDaemon(true);
          return t;
        });
  }

  /** Probes once now (so the status is right before the server answers), then every period. */
  public void start(Duration period) {
    checkNow();
    long periodNanos = period.toNanos();
    scheduler.scheduleWithFixedDelay(
        this::checkNow, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  /** Probes the robot and updates the status; never throws. */
  public void checkNow() {
    String problem = modelFailure.map(m -> "the model failed to load: " + m).orElse(null);
    if (problem == null) {
      try {
        probe.check();
      } catch (Exception e) {
        problem = "the robot does not answer: " + e.getMessage();
      }
    }
    update(problem);
  }

  private synchronized void update(String problem) {
    if (closed || Objects.equals(problem, lastProblem)) {
      return;
    }
    ServingStatus status = problem == null ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    if (problem == null) {
      LOG.info("health: SERVING");
    } else {
      LOG.warn("health: NOT_SERVING ({})", problem);
    }
    lastProblem = problem;
    health.setStatus("", status);
    for (String service : services) {
      health.setStatus(service, status);
    }
  }

  /** Returns why the status is NOT_SERVING, empty while SERVING. */
  public synchronized Optional<String> problem() {
    return Optional.ofNullable(lastProblem);
  }

  /** Stops probing and moves every status to NOT_SERVING for good (the server is stopping). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.shutdownNow();
    health.enterTerminalState();
  }
}
