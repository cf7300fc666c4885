/**
 * Planner queries that move nothing: {@link dev.latentmpc.controller.service.probe.PlanningProbe}
 * plans one action, or evaluates the energy over a Δx × Δy grid, from a given frame and state
 * towards a goal, straight on the world model; {@link
 * dev.latentmpc.controller.service.probe.Heatmap} draws a grid as a PNG.
 */
package dev.latentmpc.controller.service.probe;
