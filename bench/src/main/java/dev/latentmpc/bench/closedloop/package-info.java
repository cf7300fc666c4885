/**
 * The closed-loop benchmark ({@code latent-mpc bench}) and the episode runner {@code demo} shares
 * with it: seeded sim episodes driven through a running service over gRPC ({@link
 * dev.latentmpc.bench.closedloop.ClosedLoopRunner}), per-episode and per-task figures, and the CSV
 * files and distance-to-goal plots they are reported in.
 */
package dev.latentmpc.bench.closedloop;
