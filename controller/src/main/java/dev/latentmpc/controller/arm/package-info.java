/**
 * The arm seam: {@link dev.latentmpc.controller.arm.ArmIO} and its value types (state, delta, move
 * result) in V-JEPA 2-AC's 7-D end-effector convention, and the check that the arm's state
 * convention (which point of the hand, Euler convention, gripper scale) is the model's ({@link
 * dev.latentmpc.controller.arm.StateConventionCheck}). Bridge and sim implementations live
 * elsewhere; the controller takes one through its constructor.
 */
package dev.latentmpc.controller.arm;
