package dev.latentmpc.deploy.bench;

/**
 * One control step of a benchmark episode as the operator stream reported it.
 *
 * @param step 1-based: the state after the {@code step}-th control step
 * @param subgoalIndex the goal the step planned towards
 * @param distanceM the task's distance to its goal after the step, metres (the step event's {@code
 *     goal_distance_m}); NaN when the server sent none
 * @param energy the plan's elite energy; NaN without a plan
 * @param planSeconds CEM planning time of the step
 * @param moved whether the step sent a move
 * @param dGripperSent the gripper change sent to the arm (0 when nothing was sent)
 * @param gripperAfter the gripper closedness the step ended with, 0 (open) … 1 (closed)
 */
public record StepSample(
    int step,
    int subgoalIndex,
    double distanceM,
    double energy,
    double planSeconds,
    boolean moved,
    double dGripperSent,
    double gripperAfter) {}
