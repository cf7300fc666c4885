package dev.latentmpc.simharness.oracle;

/**
 * The outcome of an oracle episode.
 *
 * @param success the task's success check held at the end
 * @param steps moves executed
 * @param finalDistanceM the task's remaining distance at the end (see SuccessCheck)
 * @param simSeconds simulated time the moves took
 */
public record OracleResult(boolean success, int steps, double finalDistanceM, double simSeconds) {}
