package dev.latentmpc.controller.loop;

/**
 * Durations of one step's phases on the controller's clock, in nanoseconds; a phase the step did
 * not reach is 0.
 *
 * @param cameraNanos reading the snapshot: latest frame and arm state
 * @param encodeNanos preprocessing the frame and encoding it
 * @param planNanos CEM planning
 * @param executeNanos the envelope and the blocking move
 * @param totalNanos the whole step
 */
public record PhaseLatencies(
    long cameraNanos, long encodeNanos, long planNanos, long executeNanos, long totalNanos) {}
