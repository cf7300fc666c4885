/**
 * The control service core.
 *
 * <p>Runs the receding-horizon loop (observe, plan, execute the first action as a blocking
 * end-effector delta, repeat), switches sub-goals for pick-and-place, keeps every command inside
 * the safety envelope, talks to the arm through {@code ArmIO} (the robot-bridge client), serves the
 * operator gRPC API and publishes Micrometer metrics with per-phase timers.
 */
package dev.latentmpc.controller;
