package dev.latentmpc.deploy.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The meter registry of one service process: Prometheus, every meter tagged {@code
 * application="latent-mpc"}, with the JVM and process binders (memory, GC, threads, class loading,
 * CPU, uptime) bound. The service's own meters are bound by the composition root. Closing stops the
 * GC listener and closes the registry.
 *
 * <p>The scrape passes {@code promtool check metrics} without a single lint problem, which takes
 * three changes to Micrometer's own meters: the gRPC tags {@code methodType} and {@code statusCode}
 * become {@code method_type} and {@code status_code} (label names are snake_case); the gauge {@code
 * system.cpu.count} becomes {@code system_cpu_cores} (only histograms and summaries may end in
 * {@code _count}); and {@code process.cpu.time} in nanoseconds ({@code process_cpu_time_ns_total},
 * an abbreviated unit) is replaced by the conventional {@code process_cpu_seconds_total}.
 */
public final class ServiceMeters implements AutoCloseable {
  /** The {@code application} tag every meter carries. */
  public static final String APPLICATION = "latent-mpc";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;

  private ServiceMeters(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
    this.registry = registry;
    this.gc = gc;
  }

  /** Creates the registry and binds the JVM and process meters. */
  public static ServiceMeters create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Before any meter exists: common tags apply to meters registered after them.
    registry
        .config()
        .commonTags("application", APPLICATION)
        .meterFilter(MeterFilter.renameTag("grpc", "methodType", "method_type"))
        .meterFilter(MeterFilter.renameTag("grpc", "statusCode", "status_code"))
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
        .meterFilter(renameMeter("system.cpu.count", "system.cpu.cores"));
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    bindProcessCpuSeconds(registry);
    return new ServiceMeters(registry, gc);
  }

  private static MeterFilter renameMeter(String from, String to) {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        return id.getName().equals(from) ? id.withName(to) : id;
      }
    };
  }

  /** {@code process_cpu_seconds_total}, where the JVM reports the process's CPU time. */
  private static void bindProcessCpuSeconds(MeterRegistry registry) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean bean
        && bean.getProcessCpuTime() >= 0) {
      FunctionCounter.builder("process.cpu", bean, b -> b.getProcessCpuTime() / 1e9)
          .description("CPU time used by the service's process")
          .baseUnit("seconds")
          .register(registry);
    }
  }

  /** Returns the registry the service's meters go to. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Returns every meter in Prometheus text format 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  /** Stops the GC listener and closes the registry; idempotent. */
  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
