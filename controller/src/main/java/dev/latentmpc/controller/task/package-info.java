/**
 * Runs operator tasks on one robot: {@link dev.latentmpc.controller.task.TaskRunner} owns
 * the arm (one task at a time, preemption, cancellation, a latching emergency stop) and drives the
 * {@link dev.latentmpc.controller.loop.EpisodeController} on a loop thread, reporting each step to
 * a {@link dev.latentmpc.controller.task.TaskListener}. No protobuf types here; errors are
 * gRPC {@link io.grpc.Status} exceptions with a description, because they end up as the status of
 * an operator call.
 */
package dev.latentmpc.controller.task;
