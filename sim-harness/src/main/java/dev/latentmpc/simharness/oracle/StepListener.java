package dev.latentmpc.simharness.oracle;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.arm.MoveOutcome;
import dev.latentmpc.simharness.world.SimWorld;

/** Observes each oracle step (the dataset generator records frames, states and actions here). */
@FunctionalInterface
public interface StepListener {
  /**
   * Called after each move.
   *
   * @param step 0-based step index
   * @param before the state the action was chosen in
   * @param action the delta sent
   * @param outcome what the move achieved
   * @param world the world after the move (read it, do not move it)
   */
  void onStep(int step, EeState before, Delta action, MoveOutcome outcome, SimWorld world);
}
