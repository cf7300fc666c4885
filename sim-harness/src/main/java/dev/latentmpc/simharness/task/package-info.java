/**
 * The manipulation tasks of the V-JEPA 2-AC paper (reach, grasp, reach-with-object,
 * pick-and-place): seeded episodes, their success checks and their goal configurations.
 */
package dev.latentmpc.simharness.task;
