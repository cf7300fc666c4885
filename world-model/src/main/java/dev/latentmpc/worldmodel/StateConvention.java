package dev.latentmpc.worldmodel;

import java.util.Locale;
import java.util.Objects;

/**
 * What a 7-D state vector means: which point of the hand its pose describes, given relative to the
 * robot's flange ({@code panda_link8} on a Panda or FR3), the Euler convention of its angles and
 * the scale of its gripper value.
 *
 * <p>A model bundle records the convention of the data it was trained on ({@code model.json}'s
 * {@code state_convention}); a robot reports its own (the bridge's {@code GetInfo}). A model fed
 * states in another convention plans towards the wrong place without any error, so the service
 * compares the two before a task starts and refuses when they differ.
 *
 * @param frameName the frame's name, for messages: {@code panda_link8} (the flange) or {@code
 *     franka_hand_tcp} (the point between the Franka Hand's fingertips)
 * @param offsetFromFlangeM the frame's origin along the flange's z axis, metres
 * @param rotationAboutFlangeZRad the frame's rotation about the flange's z axis, radians
 * @param euler Euler convention of roll, pitch and yaw, e.g. {@value #EXTRINSIC_XYZ}
 * @param gripper gripper scale, e.g. {@value #CLOSEDNESS}
 */
public record StateConvention(
    String frameName,
    double offsetFromFlangeM,
    double rotationAboutFlangeZRad,
    String euler,
    String gripper) {

  /**
   * Extrinsic xyz Euler angles: R = Rz(yaw)·Ry(pitch)·Rx(roll), scipy's {@code "xyz"}; the only
   * convention the world model's pose update implements.
   */
  public static final String EXTRINSIC_XYZ = "extrinsic-xyz";

  /** Gripper closedness = 1 − opening / max opening: 0 fully open, 1 fully closed. */
  public static final String CLOSEDNESS = "closedness";

  /**
   * The Franka Hand's TCP, the point between its fingertips: 0.1034 m beyond the flange, the hand
   * mounted rotated −π/4 about the flange's z axis (Franka's hand description). The simulator's
   * states describe this point, so bundles trained on it record this convention.
   */
  public static final StateConvention FRANKA_HAND_TCP =
      new StateConvention("franka_hand_tcp", 0.1034, -Math.PI / 4, EXTRINSIC_XYZ, CLOSEDNESS);

  /**
   * The flange itself ({@code panda_link8}): what DROID's robot code records through Polymetis, and
   * so the convention of the official V-JEPA 2-AC checkpoint, which was trained on DROID.
   */
  public static final StateConvention FLANGE =
      new StateConvention("panda_link8", 0, 0, EXTRINSIC_XYZ, CLOSEDNESS);

  /** Checks that the names are present and the numbers finite. */
  public StateConvention {
    requireText("frameName", frameName);
    requireText("euler", euler);
    requireText("gripper", gripper);
    if (!Double.isFinite(offsetFromFlangeM)) {
      throw new IllegalArgumentException(
          "offsetFromFlangeM must be finite, got " + offsetFromFlangeM);
    }
    if (!Double.isFinite(rotationAboutFlangeZRad)) {
      throw new IllegalArgumentException(
          "rotationAboutFlangeZRad must be finite, got " + rotationAboutFlangeZRad);
    }
  }

  private static void requireText(String name, String value) {
    Objects.requireNonNull(value, name + " is null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /**
   * Describes the convention for messages, every field named as in model.json and the bridge
   * protocol, e.g. {@code frame_name franka_hand_tcp, offset_from_flange_m 0.1034,
   * rotation_about_flange_z_rad -0.7854, euler extrinsic-xyz, gripper closedness}.
   */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "frame_name %s, offset_from_flange_m %.4f, rotation_about_flange_z_rad %.4f, euler %s,"
            + " gripper %s",
        frameName,
        offsetFromFlangeM + 0.0, // prints -0.0 as 0.0000
        rotationAboutFlangeZRad + 0.0,
        euler,
        gripper);
  }
}
