package dev.latentmpc.planner;

import dev.latentmpc.worldmodel.ActionBatch;

/**
 * Scores candidate action sequences: one energy per sequence, lower is better.
 *
 * <p>In production it is the world model's energy function bound to one planning step, {@code
 * worldModel.bindEnergy(context, state, goal)::energies}, which uploads the fixed inputs once for
 * all iterations (closed by the caller after the plan); tests use analytic energies. The planner
 * passes the same {@link ActionBatch} (and the same backing array) on every call of one planner, so
 * an implementation must neither keep nor modify it. A NaN or infinite energy (including −∞) is
 * treated as +∞: such a sequence is never preferred to one with a finite energy. An exception
 * thrown here ends the plan and reaches the caller of {@link CemPlanner#plan}.
 */
@FunctionalInterface
public interface EnergyFunction {

  /**
   * Returns the energy of every sequence in {@code actions}.
   *
   * @param actions {@code [samples, horizon, 7]} candidate sequences
   * @return {@code actions.samples()} energies, in the order of the sequences
   */
  float[] energies(ActionBatch actions);
}
