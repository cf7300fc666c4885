/**
 * The manipulation tasks of the V-JEPA 2-AC paper (reach, grasp, reach-with-object,
 * pick-and-place): seeded episodes, their success checks and their goal configurations, and the
 * live scene of an episode ({@link dev.latentmpc.simharness.task.EpisodeScene}) that is the
 * controller's ground truth of success when the service runs on the simulator.
 */
package dev.latentmpc.simharness.task;
