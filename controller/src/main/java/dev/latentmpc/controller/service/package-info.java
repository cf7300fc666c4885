/**
 * The operator gRPC service ({@code latentmpc.control.v1.Control}): {@link
 * dev.latentmpc.controller.service.OperatorService} only maps protobuf to domain values and hands
 * the work to the goal store ({@code service.goal}), the per-robot task runners ({@code
 * dev.latentmpc.controller.task}, which knows nothing of gRPC) and the planning probe ({@code
 * service.probe}). This package is the task runtime's gRPC edge: {@code TaskErrors} maps its
 * exceptions to statuses in one place. The server's lifecycle (port, health, reflection, shutdown)
 * belongs to the composition root in deploy/.
 *
 * <p>Wiring: build one {@code TaskRunner} per robot, a {@code GoalStore} and a {@code
 * PlanningProbe} over the shared world model, pass them to the {@code OperatorService} constructor
 * and add it to a {@code ServerBuilder} whose maximum inbound message size admits the 8 MiB image
 * limit (64 MiB is comfortable for raw images). On shutdown close the runners (each stops its arm)
 * before the IO and the model.
 */
package dev.latentmpc.controller.service;
