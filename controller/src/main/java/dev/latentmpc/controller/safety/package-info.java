/**
 * The safety envelope: the one place that decides what may be sent to the arm.
 *
 * <p>{@link dev.latentmpc.controller.safety.SafetyEnvelope} turns any requested 7-D action (from
 * the planner or, later, from an operator) and the current arm state into a command that stays
 * inside the per-step delta bounds, the workspace box and the gripper range, or into a hold when
 * the action or the state is not finite or the arm is already outside the box. Its limits live in
 * the validated {@link dev.latentmpc.controller.safety.EnvelopeConfig}. Nothing else in the service
 * bounds commands; nothing else may send a move that did not pass through it.
 */
package dev.latentmpc.controller.safety;
