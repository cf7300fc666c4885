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
 * @param held whether the task object was held after the step (the sim's ground truth): 1 held, 0
 *     not, -1 unknown
 * @param objectM the task object's bottom centre after the step, metres (NaN when unknown)
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
    Xyz handAfterM,
    int held,
    Xyz objectM) {

  /** {@link #held} when the scene's ground truth is unknown. */
  public static final int HELD_UNKNOWN = -1;

  /** This step with the scene's ground truth after it. */
  public StepSample withScene(boolean heldAfter, Xyz objectAfterM) {
    return new StepSample(
        step,
        subgoalIndex,
        distanceM,
        energy,
        planSeconds,
        moved,
        dGripperSent,
        gripperAfter,
        translationSentM,
        handAfterM,
        heldAfter ? 1 : 0,
        objectAfterM);
  }

  /** A point or displacement in the robot base frame, metres. */
  public record Xyz(double x, double y, double z) {
    /** The origin, or no displacement. */
    public static final Xyz ZERO = new Xyz(0, 0, 0);

    /** Not measured. */
    public static final Xyz UNKNOWN = new Xyz(Double.NaN, Double.NaN, Double.NaN);
  }
}
