package dev.latentmpc.controller.service.probe;

import dev.latentmpc.controller.safety.EnvelopeDecision;
import dev.latentmpc.planner.CemConfig;

/**
 * One action planned without moving anything.
 *
 * @param plannedAction the plan's first action, 7 values (shared array: treat as read-only)
 * @param energy the plan's elite energy
 * @param iterations CEM iterations completed
 * @param envelope what the safety envelope would send from the given state
 * @param encodeNanos preprocessing and encoding the frame and goal, nanoseconds
 * @param planNanos CEM planning, nanoseconds
 * @param planner the settings used
 */
public record PlanOnceResult(
    float[] plannedAction,
    double energy,
    int iterations,
    EnvelopeDecision envelope,
    long encodeNanos,
    long planNanos,
    CemConfig planner) {}
