/**
 * The arm seam: {@link dev.latentmpc.controller.arm.ArmIO} and its value types (state, delta, move
 * result) in V-JEPA 2-AC's 7-D end-effector convention. Bridge and sim implementations live
 * elsewhere; the controller takes one through its constructor.
 */
package dev.latentmpc.controller.arm;
