package dev.latentmpc.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

/** {@link ServiceMeters}: the common tag, the JVM and process meters, Prometheus-clean names. */
class ServiceMetersTest {
  @Test
  void everyMeterIsTaggedWithTheApplicationAndJvmMetersAreBound() {
    try (ServiceMeters meters = ServiceMeters.create()) {
      Counter.builder("latentmpc.test").register(meters.registry()).increment();

      String scrape = meters.scrape();

      assertThat(scrape)
          .contains("latentmpc_test_total{application=\"latent-mpc\"} 1.0")
          .contains("jvm_memory_used_bytes{application=\"latent-mpc\"")
          .contains("jvm_threads_live_threads{application=\"latent-mpc\"}")
          .contains("process_uptime_seconds{application=\"latent-mpc\"}")
          .contains("process_cpu_seconds_total{application=\"latent-mpc\"}")
          .contains("system_cpu_cores{application=\"latent-mpc\"}");
      // promtool lint: no abbreviated units, no _count on a gauge.
      assertThat(scrape).doesNotContain("process_cpu_time_ns").doesNotContain("system_cpu_count");
    }
  }
}
