/**
 * A scripted controller that reads the simulator's ground truth and solves the tasks: proof that
 * each seeded episode is solvable, and, with its noise options, the source of the dataset's
 * demonstrations (successes and failures).
 */
package dev.latentmpc.simharness.oracle;
