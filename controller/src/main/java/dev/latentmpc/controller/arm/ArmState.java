package dev.latentmpc.controller.arm;

/**
 * End-effector state in V-JEPA 2-AC's 7-D convention, read at one instant.
 *
 * @param xM end-effector x in metres, robot base frame
 * @param yM end-effector y in metres
 * @param zM end-effector z in metres
 * @param rollRad extrinsic-xyz Euler angle about x, radians
 * @param pitchRad extrinsic-xyz Euler angle about y, radians
 * @param yawRad extrinsic-xyz Euler angle about z, radians
 * @param gripperClosedness 0 = fully open, 1 = fully closed
 * @param timestampNanos monotonic time of the reading
 */
public record ArmState(
    double xM,
    double yM,
    double zM,
    double rollRad,
    double pitchRad,
    double yawRad,
    double gripperClosedness,
    long timestampNanos) {

  /** The 7-D state vector [x, y, z, roll, pitch, yaw, gripper] as the world model takes it. */
  public float[] toVector() {
    return new float[] {
      (float) xM,
      (float) yM,
      (float) zM,
      (float) rollRad,
      (float) pitchRad,
      (float) yawRad,
      (float) gripperClosedness
    };
  }
}
