/**
 * The simulated scene: the arm with its gripper, a cube and a cup on a table, deterministic grasp
 * and drop rules, the shapes the renderer draws, and {@link
 * dev.latentmpc.simharness.world.ArmIOSim}, the controller's {@code ArmIO} over this world.
 */
package dev.latentmpc.simharness.world;
