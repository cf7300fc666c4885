package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.SubgoalSchedule;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.planner.SamplingHooks;
import java.util.List;
import java.util.Optional;

/**
 * A task as the runner resolved it, reported before its first step.
 *
 * @param taskId the task's id
 * @param robotId the robot it runs on
 * @param kind what it does
 * @param seed the planner's seed
 * @param planner planner settings in effect
 * @param schedule the sub-goal schedule in effect
 * @param preemptedTaskId the task it preempted, if any
 * @param goalSampling the sampling hooks per goal when the task set them per goal, else empty
 *     (every goal plans with {@code planner}'s)
 */
public record TaskStarted(
    String taskId,
    String robotId,
    TaskKind kind,
    long seed,
    CemConfig planner,
    SubgoalSchedule schedule,
    Optional<String> preemptedTaskId,
    List<SamplingHooks> goalSampling) {}
