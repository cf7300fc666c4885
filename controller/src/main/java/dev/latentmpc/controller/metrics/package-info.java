/**
 * Micrometer meters of the control service, registered on whatever {@link
 * io.micrometer.core.instrument.MeterRegistry} the composition root passes (Prometheus in {@code
 * latent-mpc serve}, a {@code SimpleMeterRegistry} in tests); this package never names a registry
 * implementation.
 *
 * <p>{@link dev.latentmpc.controller.metrics.ControllerMetrics} turns the loop's step events and
 * task outcomes into meters, {@link dev.latentmpc.controller.metrics.TaskRunnerMetrics} gauges the
 * running task, {@link dev.latentmpc.controller.metrics.MeteredWorldModel} times model inference
 * and {@link dev.latentmpc.controller.metrics.BridgeCallMetrics} times robot bridge calls. Names,
 * tags and histogram buckets follow the project's metric contract, kept in {@link
 * dev.latentmpc.controller.metrics.MetricNames} and {@link
 * dev.latentmpc.controller.metrics.MetricBuckets}.
 */
package dev.latentmpc.controller.metrics;
