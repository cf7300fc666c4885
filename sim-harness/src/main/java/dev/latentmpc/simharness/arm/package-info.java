/**
 * The simulated Franka Panda: modified-DH kinematics with the datasheet joint limits, a damped
 * least-squares IK, the parallel gripper, V-JEPA 2-AC's 7-D end-effector state and delta update,
 * and time-parameterised Cartesian moves within the Panda's velocity and acceleration limits.
 *
 * <p>Nothing here sleeps: a move advances a simulated clock by its duration.
 */
package dev.latentmpc.simharness.arm;
