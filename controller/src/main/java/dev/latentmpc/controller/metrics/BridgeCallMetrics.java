package dev.latentmpc.controller.metrics;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Client interceptor that times robot bridge calls as {@code latentmpc.bridge.call{method, status}}
 * ({@code method} the RPC's bare name, e.g. {@code MoveDelta}; {@code status} {@code OK} or the
 * gRPC code, e.g. {@code UNAVAILABLE}) and counts those that did not end OK as {@code
 * latentmpc.bridge.errors{method}}. A call is timed from its start to its close, on the registry's
 * clock; the wait for a connection before a call ({@code BridgeChannel.awaitConnection}) is not
 * part of it. The service's methods are registered up front (OK timer, error counter at zero) so
 * that an alert on the error rate sees the first error. Installed by {@code BridgeChannel} when it
 * is given a registry; thread-safe.
 */
public final class BridgeCallMetrics implements ClientInterceptor {
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();

  /**
   * Creates the interceptor and registers the meters of {@code service}'s methods.
   *
   * @param registry where the meters live
   * @param service the bridge service whose calls will pass through
   */
  public BridgeCallMetrics(MeterRegistry registry, ServiceDescriptor service) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = registry.config().clock();
    for (MethodDescriptor<?, ?> method : service.getMethods()) {
      String name = method.getBareMethodName();
      timer(name, Status.Code.OK);
      errorCounter(name);
    }
  }

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(
      MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    String name = method.getBareMethodName();
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<A> listener, Metadata headers) {
        long startNanos = clock.monotonicTime();
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                // Before the caller hears of the close: a test (or the next scrape) that follows
                // the call sees it counted.
                record(name, status.getCode(), clock.monotonicTime() - startNanos);
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }

  private void record(String method, Status.Code code, long nanos) {
    timer(method, code).record(nanos, TimeUnit.NANOSECONDS);
    if (code != Status.Code.OK) {
      errorCounter(method).increment();
    }
  }

  private Timer timer(String method, Status.Code code) {
    return timers.computeIfAbsent(
        method + '/' + code,
        key ->
            Timer.builder(MetricNames.BRIDGE_CALL)
                .description("Duration of one robot bridge call, by method and gRPC status")
                .tag(MetricNames.METHOD, method)
                .tag(MetricNames.STATUS, code.name())
                .serviceLevelObjectives(MetricBuckets.bridgeCall())
                .publishPercentileHistogram(false)
                .register(registry));
  }

  private Counter errorCounter(String method) {
    return errors.computeIfAbsent(
        method,
        key ->
            Counter.builder(MetricNames.BRIDGE_ERRORS)
                .description("Robot bridge calls that did not end OK, by method")
                .tag(MetricNames.METHOD, method)
                .register(registry));
  }
}
