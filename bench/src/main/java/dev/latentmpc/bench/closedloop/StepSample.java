package dev.latentmpc.bench.closedloop;

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
 * @param translationSentM the translation (dx, dy, dz) sent to the arm, metres (zeros when nothing
 *     was sent)
 * @param handAfterM the end-effector position (x, y, z) the step ended with, metres (base frame)
 */
public record StepSample(
    int step,
    int subgoalIndex,
    double distanceM,
    double energy,
    double planSeconds,
    boolean moved,
    double dGripperSent,
    double gripperAfter,
    Xyz translationSentM,
    Xyz handAfterM) {

  /** A point or displacement in the robot base frame, metres. */
  public record Xyz(double x, double y, double z) {
    /** The origin, or no displacement. */
    public static final Xyz ZERO = new Xyz(0, 0, 0);
  }
}
