package dev.latentmpc.simharness.arm;

/**
 * The outcome of an inverse-kinematics solve.
 *
 * @param jointsRad the best joint angles found (always within the joint limits)
 * @param positionErrorM remaining TCP position error
 * @param orientationErrorRad remaining TCP orientation error
 * @param converged both errors are within the solver's tolerances
 * @param iterations iterations used
 */
public record IkResult(
    double[] jointsRad,
    double positionErrorM,
    double orientationErrorRad,
    boolean converged,
    int iterations) {
  /** Keeps a private copy of the joints. */
  public IkResult {
    jointsRad = jointsRad.clone();
  }

  /** The joint angles (a copy). */
  @Override
  public double[] jointsRad() {
    return jointsRad.clone();
  }
}
