/**
 * The service's Prometheus side: the one {@link
 * io.micrometer.prometheusmetrics.PrometheusMeterRegistry} of a {@code serve} process, with the
 * common tag and the JVM and process binders ({@link dev.latentmpc.deploy.metrics.ServiceMeters}),
 * and the {@code GET /metrics} endpoint that serves its scrape ({@link
 * dev.latentmpc.deploy.metrics.MetricsHttpServer}). The core modules record through {@code
 * MeterRegistry} only and never see this package.
 */
package dev.latentmpc.deploy.metrics;
