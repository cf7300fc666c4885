/**
 * Runs operator tasks on one robot: {@link dev.latentmpc.controller.task.TaskRunner} owns the arm
 * (one task at a time, preemption, cancellation, a latching emergency stop) and drives the {@link
 * dev.latentmpc.controller.loop.EpisodeController} on a loop thread, reporting each step to a
 * {@link dev.latentmpc.controller.task.TaskListener}; {@link
 * dev.latentmpc.controller.task.TaskRunners} finds a robot's runner by id. No gRPC or protobuf
 * types here: a refusal is a {@link dev.latentmpc.controller.task.TaskException} whose message is
 * the description the operator sees, and the gRPC edge ({@code dev.latentmpc.controller.service})
 * maps each kind to a status code in one place.
 */
package dev.latentmpc.controller.task;
