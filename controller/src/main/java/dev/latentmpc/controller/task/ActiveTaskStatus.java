package dev.latentmpc.controller.task;

/**
 * A running task's progress.
 *
 * @param taskId the task
 * @param kind what it does
 * @param steps steps taken, holds included
 * @param subgoalIndex the current goal, 0-based
 * @param goals goals in the task
 * @param runningNanos time since the runner accepted it, nanoseconds
 */
public record ActiveTaskStatus(
    String taskId, TaskKind kind, int steps, int subgoalIndex, int goals, long runningNanos) {}
