package dev.latentmpc.simharness.arm;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.Objects;

/**
 * End-effector state in V-JEPA 2-AC's convention: TCP position, orientation, gripper closedness.
 *
 * @param positionM TCP position in the base frame, metres
 * @param rotation TCP orientation in the base frame
 * @param gripperClosedness 0 open … 1 closed
 */
public record EeState(Vec3 positionM, Rot3 rotation, double gripperClosedness) {
  /** Checks the parts are present and finite. */
  public EeState {
    Objects.requireNonNull(positionM, "positionM is null");
    Objects.requireNonNull(rotation, "rotation is null");
    if (!positionM.isFinite() || !(gripperClosedness >= 0 && gripperClosedness <= 1)) {
      throw new IllegalArgumentException(
          "state needs a finite position and closedness in [0,1]: " + positionM);
    }
  }

  /**
   * Builds a state from a 7-D vector [x, y, z, roll, pitch, yaw, gripper] (extrinsic xyz Euler).
   *
   * @param v seven values
   * @return the state
   */
  public static EeState fromVector(double[] v) {
    if (v.length != 7) {
      throw new IllegalArgumentException("a state has 7 values, got " + v.length);
    }
    return new EeState(new Vec3(v[0], v[1], v[2]), Rot3.fromEulerXyz(v[3], v[4], v[5]), v[6]);
  }

  /** The TCP pose. */
  public Pose pose() {
    return new Pose(rotation, positionM);
  }

  /** The 7-D state vector [x, y, z, roll, pitch, yaw, gripper]. */
  public double[] toVector() {
    double[] e = rotation.toEulerXyz();
    return new double[] {
      positionM.x(), positionM.y(), positionM.z(), e[0], e[1], e[2], gripperClosedness
    };
  }

  /** This state as the controller's {@link ArmState} stamped at {@code timestampNanos}. */
  public ArmState toArmState(long timestampNanos) {
    double[] v = toVector();
    return new ArmState(v[0], v[1], v[2], v[3], v[4], v[5], v[6], timestampNanos);
  }

  /**
   * V-JEPA 2-AC's pose update, unclamped: xyz += Δ, R' = R(Δθ)·R with R(Δθ) from extrinsic xyz
   * Euler angles, gripper += Δg clipped to [0, 1].
   *
   * @param d the delta (finite)
   * @return the new state
   */
  public EeState apply(Delta d) {
    if (!d.isFinite()) {
      throw new IllegalArgumentException("delta has a non-finite component: " + d);
    }
    Rot3 dr = Rot3.fromEulerXyz(d.dRollRad(), d.dPitchRad(), d.dYawRad());
    return new EeState(
        positionM.plus(new Vec3(d.dxM(), d.dyM(), d.dzM())),
        dr.times(rotation),
        GripperModel.clip01(gripperClosedness + d.dGripper()));
  }

  /** A copy with another position. */
  public EeState withPosition(Vec3 p) {
    return new EeState(p, rotation, gripperClosedness);
  }

  /** A copy with another closedness. */
  public EeState withGripper(double closedness) {
    return new EeState(positionM, rotation, closedness);
  }
}
