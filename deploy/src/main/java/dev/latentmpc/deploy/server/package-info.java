/**
 * The service's runtime: {@link dev.latentmpc.deploy.server.RobotIoFactory} (the one place that
 * picks a robot bridge or the in-process simulation), {@link
 * dev.latentmpc.deploy.server.ControlBackend} (model, task runner, goal store and the operator
 * service composed from the configuration), {@link dev.latentmpc.deploy.server.OperatorServer} (the
 * gRPC server's lifecycle: operator API, health, reflection, graceful shutdown) and {@link
 * dev.latentmpc.deploy.server.HealthMonitor}.
 */
package dev.latentmpc.deploy.server;
