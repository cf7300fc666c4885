package dev.latentmpc.controller.arm;

/**
 * A commanded end-effector change in V-JEPA 2-AC's action convention: xyz += Δ, R' = R(Δθ)·R in
 * extrinsic xyz Euler angles, gripper closedness += Δg clipped to [0, 1].
 *
 * @param dxM change of x in metres
 * @param dyM change of y in metres
 * @param dzM change of z in metres
 * @param dRollRad rotation about the base x axis, radians
 * @param dPitchRad rotation about the base y axis, radians
 * @param dYawRad rotation about the base z axis, radians
 * @param dGripper change of gripper closedness
 */
public record Delta(
    double dxM,
    double dyM,
    double dzM,
    double dRollRad,
    double dPitchRad,
    double dYawRad,
    double dGripper) {

  /** The zero delta (hold position). */
  public static final Delta ZERO = new Delta(0, 0, 0, 0, 0, 0, 0);

  /**
   * Builds a delta from a 7-D action vector [dx, dy, dz, droll, dpitch, dyaw, dgripper].
   *
   * @param action seven values
   * @return the delta
   */
  public static Delta of(float[] action) {
    if (action == null || action.length != 7) {
      throw new IllegalArgumentException("an action has 7 values");
    }
    return new Delta(action[0], action[1], action[2], action[3], action[4], action[5], action[6]);
  }

  /** This delta with another change of z, every other component kept. */
  public Delta withDzM(double newDzM) {
    return new Delta(dxM, dyM, newDzM, dRollRad, dPitchRad, dYawRad, dGripper);
  }

  /** True when every component is a finite number. */
  public boolean isFinite() {
    return Double.isFinite(dxM)
        && Double.isFinite(dyM)
        && Double.isFinite(dzM)
        && Double.isFinite(dRollRad)
        && Double.isFinite(dPitchRad)
        && Double.isFinite(dYawRad)
        && Double.isFinite(dGripper);
  }
}
