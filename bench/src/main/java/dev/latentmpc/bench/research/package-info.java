/**
 * The simulator's research commands, subcommands of {@code sim} on the tools' command line: {@code
 * oracle} (the scripted controller's success rate per task, the ceiling a learned model is compared
 * with), {@code reach-probes} and {@code grasp-probes} (rendered hand configurations around an
 * episode's start and goal, read by the world-model experiments under {@code
 * world-model/python/experiments/}). They inform decisions about the model; the service never runs
 * them.
 */
package dev.latentmpc.bench.research;
