package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.EpisodeController;
import java.util.function.LongSupplier;

/**
 * What every task loop of one robot shares: the controller (used by one loop at a time), its
 * planner factory, and the guarded IO it was built on.
 */
record LoopParts(
    String robotId,
    EpisodeController controller,
    SwitchablePlannerFactory planners,
    GuardedArm arm,
    FrameTap camera,
    LongSupplier clockNanos) {}
