/**
 * The receding-horizon control loop: one {@link dev.latentmpc.controller.loop.EpisodeController}
 * per arm, driven one tick at a time.
 *
 * <p>An episode starts from a {@link dev.latentmpc.controller.loop.TaskSpec} (goal images, a {@link
 * dev.latentmpc.controller.loop.SubgoalSchedule}, a seed). Each {@code step()} takes one snapshot
 * (latest camera frame, arm state, clock), encodes the frame, plans with CEM against the current
 * sub-goal's latent, bounds the first action with the safety envelope, executes it as a blocking
 * move and returns a {@link dev.latentmpc.controller.loop.StepEvent}. The thread that calls {@code
 * step()} is the loop; nothing here starts threads or sleeps, so tests drive time and steps
 * directly. {@code end(interrupted)} always leaves the arm stopped.
 *
 * <p>The controller knows nothing of the simulator's ground truth: success is whatever the
 * caller-supplied {@link dev.latentmpc.controller.loop.SuccessCheck} says.
 */
package dev.latentmpc.controller.loop;
