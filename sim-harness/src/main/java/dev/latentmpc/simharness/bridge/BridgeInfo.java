package dev.latentmpc.simharness.bridge;

import dev.latentmpc.simharness.arm.PandaKinematics;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.worldmodel.StateConvention;
import java.util.Objects;

/**
 * Static facts a bridge reports through {@code GetInfo}, and the per-call bounds it enforces.
 *
 * @param robotName robot or simulator name
 * @param simulated true when a simulation stands behind the bridge
 * @param cameraWidthPx camera image width, pixels
 * @param cameraHeightPx camera image height, pixels
 * @param workspace the end-effector position box that targets are clamped to
 * @param maxTranslationDeltaM per-call bound on each of |dx|, |dy|, |dz|, metres
 * @param maxRotationDeltaRad per-call bound on each of |droll|, |dpitch|, |dyaw|, radians
 * @param gripperMaxOpeningM finger opening at closedness 0, metres
 * @param description free-form scene description for logs (task and seed)
 * @param stateConvention what the reported states describe (which point of the hand, Euler
 *     convention, gripper scale)
 */
public record BridgeInfo(
    String robotName,
    boolean simulated,
    int cameraWidthPx,
    int cameraHeightPx,
    Workspace workspace,
    double maxTranslationDeltaM,
    double maxRotationDeltaRad,
    double gripperMaxOpeningM,
    String description,
    StateConvention stateConvention) {

  /** Default per-call translation bound: a quarter metre per axis, far above a 0.25 s step. */
  public static final double DEFAULT_MAX_TRANSLATION_DELTA_M = 0.25;

  /** Default per-call rotation bound: 45° per axis. */
  public static final double DEFAULT_MAX_ROTATION_DELTA_RAD = Math.PI / 4;

  /** Validates the values once. */
  public BridgeInfo {
    Objects.requireNonNull(robotName, "robotName is null");
    Objects.requireNonNull(workspace, "workspace is null");
    Objects.requireNonNull(description, "description is null");
    Objects.requireNonNull(stateConvention, "stateConvention is null");
    if (cameraWidthPx <= 0 || cameraHeightPx <= 0) {
      throw new IllegalArgumentException(
          "camera size must be positive, got " + cameraWidthPx + "x" + cameraHeightPx);
    }
    requirePositive("maxTranslationDeltaM", maxTranslationDeltaM);
    requirePositive("maxRotationDeltaRad", maxRotationDeltaRad);
    requirePositive("gripperMaxOpeningM", gripperMaxOpeningM);
  }

  /**
   * The facts of a simulated Panda: its workspace box, per-call bounds no looser than the defaults,
   * its gripper, and the simulator's state convention (the Franka Hand's TCP).
   *
   * @param config the simulated arm's configuration
   * @param camera the simulated camera
   * @param description scene description for logs (task and seed)
   * @return the bridge info a sim bridge reports
   */
  public static BridgeInfo forSim(SimArmConfig config, CameraSpec camera, String description) {
    Workspace box =
        new Workspace(
            config.workspace().minM().x(),
            config.workspace().maxM().x(),
            config.workspace().minM().y(),
            config.workspace().maxM().y(),
            config.workspace().minM().z(),
            config.workspace().maxM().z());
    return new BridgeInfo(
        "franka-panda-sim",
        true,
        camera.widthPx(),
        camera.heightPx(),
        box,
        Math.min(config.maxAbsDeltaM(), DEFAULT_MAX_TRANSLATION_DELTA_M),
        Math.min(config.maxAbsDeltaRad(), DEFAULT_MAX_ROTATION_DELTA_RAD),
        config.gripper().maxOpeningM(),
        description,
        PandaKinematics.STATE_CONVENTION);
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
    }
  }

  /**
   * An axis-aligned box of end-effector positions in the base frame.
   *
   * @param minXM smallest x, metres
   * @param maxXM largest x, metres
   * @param minYM smallest y, metres
   * @param maxYM largest y, metres
   * @param minZM smallest z, metres
   * @param maxZM largest z, metres
   */
  public record Workspace(
      double minXM, double maxXM, double minYM, double maxYM, double minZM, double maxZM) {
    /** Checks each range is ordered and finite. */
    public Workspace {
      check("x", minXM, maxXM);
      check("y", minYM, maxYM);
      check("z", minZM, maxZM);
    }

    private static void check(String axis, double min, double max) {
      if (!Double.isFinite(min) || !Double.isFinite(max) || min >= max) {
        throw new IllegalArgumentException(
            "workspace " + axis + " range must be finite with min < max, got " + min + ".." + max);
      }
    }
  }
}
