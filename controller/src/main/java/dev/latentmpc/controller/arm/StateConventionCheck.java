package dev.latentmpc.controller.arm;

import dev.latentmpc.worldmodel.StateConvention;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares the state convention a model was trained in with the one a robot reports, before the
 * service plans with the one on the other.
 *
 * <p>They agree when the point of the hand is the same — its offset from the flange within {@value
 * #OFFSET_TOLERANCE_M} m and its rotation about the flange's z axis within {@value
 * #ROTATION_TOLERANCE_RAD} rad, compared as angles (so −π and π agree) — and the Euler convention
 * and gripper scale are the same strings. Frame names are not compared: the protocol gives them for
 * messages only, and one point may carry several names ({@code fr3_hand_tcp}, {@code
 * franka_hand_tcp}); the geometry decides. The tolerances are far below what a planner notices (a
 * millimetre, a twentieth of a degree) and far above rounding in a config file.
 */
public final class StateConventionCheck {
  /** Largest accepted difference of the offsets from the flange, metres. */
  public static final double OFFSET_TOLERANCE_M = 1e-3;

  /** Largest accepted difference of the rotations about the flange's z axis, radians. */
  public static final double ROTATION_TOLERANCE_RAD = 1e-3;

  private StateConventionCheck() {}

  /**
   * Names the fields in which the two conventions disagree.
   *
   * @param model the bundle's convention
   * @param robot the robot's convention
   * @return the differing fields by their protocol names, in declaration order; empty when they
   *     agree
   */
  public static List<String> differences(StateConvention model, StateConvention robot) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(robot, "robot");
    List<String> fields = new ArrayList<>(4);
    if (!(Math.abs(model.offsetFromFlangeM() - robot.offsetFromFlangeM()) <= OFFSET_TOLERANCE_M)) {
      fields.add("offset_from_flange_m");
    }
    if (!(angleBetween(model.rotationAboutFlangeZRad(), robot.rotationAboutFlangeZRad())
        <= ROTATION_TOLERANCE_RAD)) {
      fields.add("rotation_about_flange_z_rad");
    }
    if (!model.euler().equals(robot.euler())) {
      fields.add("euler");
    }
    if (!model.gripper().equals(robot.gripper())) {
      fields.add("gripper");
    }
    return List.copyOf(fields);
  }

  /**
   * Passes when the conventions agree, otherwise throws naming both in full.
   *
   * @param model the bundle's convention
   * @param robot the robot's convention
   * @throws StateConventionException when they disagree
   */
  public static void require(StateConvention model, StateConvention robot)
      throws StateConventionException {
    List<String> fields = differences(model, robot);
    if (fields.isEmpty()) {
      return;
    }
    throw new StateConventionException(
        "the robot's state convention differs from the model bundle's in "
            + String.join(", ", fields)
            + ": robot ["
            + robot.describe()
            + "], bundle ["
            + model.describe()
            + "]; the model would plan on states of another point of the hand. Configure the"
            + " bridge to report the bundle's point (its TCP offset and rotation from the flange),"
            + " or use a bundle trained in the robot's convention");
  }

  /** The smallest absolute angle between two angles, radians, in [0, π]. */
  static double angleBetween(double aRad, double bRad) {
    double d = Math.IEEEremainder(aRad - bRad, 2 * Math.PI);
    return Math.abs(d);
  }
}
