package dev.latentmpc.controller.bridge;

import dev.latentmpc.controller.arm.StateConventionException;
import dev.latentmpc.proto.bridge.v1.GetInfoResponse;
import dev.latentmpc.worldmodel.StateConvention;

/** Reads the state convention out of a bridge's GetInfo answer, naming any field at fault. */
final class BridgeConventions {
  private static final String FIELD = "GetInfoResponse.state_convention";

  private BridgeConventions() {}

  /**
   * The convention the bridge reports.
   *
   * @param info the bridge's GetInfo answer
   * @param address the bridge's address, for messages
   * @throws StateConventionException when the field is unset (a bridge that predates it) or holds
   *     an empty name or a non-finite number
   */
  static StateConvention fromInfo(GetInfoResponse info, String address)
      throws StateConventionException {
    String bridge = "the robot bridge at " + address + " (robot '" + info.getRobotName() + "')";
    if (!info.hasStateConvention()) {
      throw new StateConventionException(
          bridge
              + " reports no state convention: "
              + FIELD
              + " is unset, as from a bridge that predates the field. Without it the service"
              + " cannot check that the robot's states describe the same point of the hand as the"
              + " model bundle's, so it does not plan; update the bridge");
    }
    var c = info.getStateConvention();
    requireText(bridge, "frame_name", c.getFrameName());
    requireText(bridge, "euler", c.getEuler());
    requireText(bridge, "gripper", c.getGripper());
    requireFinite(bridge, "offset_from_flange_m", c.getOffsetFromFlangeM());
    requireFinite(bridge, "rotation_about_flange_z_rad", c.getRotationAboutFlangeZRad());
    return new StateConvention(
        c.getFrameName(),
        c.getOffsetFromFlangeM(),
        c.getRotationAboutFlangeZRad(),
        c.getEuler(),
        c.getGripper());
  }

  private static void requireText(String bridge, String field, String value)
      throws StateConventionException {
    if (value.isBlank()) {
      throw new StateConventionException(
          bridge + " reports an unusable state convention: " + FIELD + "." + field + " is empty");
    }
  }

  private static void requireFinite(String bridge, String field, double value)
      throws StateConventionException {
    if (!Double.isFinite(value)) {
      throw new StateConventionException(
          bridge
              + " reports an unusable state convention: "
              + FIELD
              + "."
              + field
              + " is "
              + value);
    }
  }
}
