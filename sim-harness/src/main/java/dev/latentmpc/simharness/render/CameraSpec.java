package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Vec3;
import java.util.Objects;

/**
 * A fixed pinhole camera looking from {@code eyeM} at {@code targetM} with +z as the up direction,
 * square pixels and no lens distortion.
 *
 * <p>Image coordinates: x to the right, y down, pixel (i, j) covers [i, i+1) × [j, j+1), so its
 * centre is (i + 0.5, j + 0.5); row 0 is the top row of an {@code RgbImage}.
 *
 * <p>The default view ({@link #DEFAULT}, {@link #aroundBase(double)}) mimics Droid's left exterior
 * camera as V-JEPA 2 describes camera positions (paper §11.4): an angle measured clockwise (seen
 * from above) around the table centre, 0° at the robot base and 90° to the robot's left (+y). The
 * camera stands {@value #ORBIT_RADIUS_M} m from the table centre horizontally and {@value
 * #ORBIT_HEIGHT_M} m above the table, looking at the workspace centre {@link #WORKSPACE_CENTER_M}.
 *
 * @param widthPx image width in pixels, {@value #MIN_SIZE_PX}..{@value #MAX_SIZE_PX}
 * @param heightPx image height in pixels, {@value #MIN_SIZE_PX}..{@value #MAX_SIZE_PX}
 * @param verticalFovDeg vertical field of view in degrees, in (0, {@value #MAX_FOV_DEG})
 * @param eyeM camera centre in world coordinates (metres, robot base frame)
 * @param targetM the point the optical axis passes through; the view must not be vertical
 */
public record CameraSpec(
    int widthPx, int heightPx, double verticalFovDeg, Vec3 eyeM, Vec3 targetM) {

  /** Smallest accepted image side. */
  public static final int MIN_SIZE_PX = 8;

  /** Largest accepted image side. */
  public static final int MAX_SIZE_PX = 4096;

  /** Largest accepted vertical field of view. */
  public static final double MAX_FOV_DEG = 150;

  /** Default image side, the V-JEPA 2 input size. */
  public static final int DEFAULT_SIZE_PX = 256;

  /**
   * Default vertical field of view: the task box (x 0.35…0.65, y ±0.25, z 0…0.5 m) fills the image
   * from every azimuth in the sweep (it needs 40°; 44° leaves a margin), so that the hand, its
   * fingers and the objects cover as many pixels as possible at the world model's small input size.
   */
  public static final double DEFAULT_FOV_DEG = 44;

  /** Smallest azimuth accepted by {@link #aroundBase(double)} (the paper's sweep). */
  public static final double MIN_AZIMUTH_DEG = 35;

  /** Largest azimuth accepted by {@link #aroundBase(double)}. */
  public static final double MAX_AZIMUTH_DEG = 85;

  /** Azimuth of {@link #DEFAULT}. */
  public static final double DEFAULT_AZIMUTH_DEG = 60;

  /** Horizontal distance of the default eye from the table centre. */
  public static final double ORBIT_RADIUS_M = 1.0;

  /** Height of the default eye above the table surface (z = 0). */
  public static final double ORBIT_HEIGHT_M = 0.6;

  /**
   * The point the default camera looks at and circles: above the middle of the table, high enough
   * that the hand at the highest episode start (TCP 0.40 m, housing up to 0.50 m) stays inside the
   * frame from every azimuth in the sweep (looking at z 0.1 m, it left the top edge).
   */
  public static final Vec3 WORKSPACE_CENTER_M = new Vec3(0.5, 0, 0.2);

  /** The default camera: 256×256, {@value #DEFAULT_AZIMUTH_DEG}° around the base. */
  public static final CameraSpec DEFAULT = aroundBase(DEFAULT_AZIMUTH_DEG);

  /** Validates sizes, field of view and pose. */
  public CameraSpec {
    checkSize("widthPx", widthPx);
    checkSize("heightPx", heightPx);
    if (!(verticalFovDeg > 0 && verticalFovDeg < MAX_FOV_DEG)) {
      throw new IllegalArgumentException(
          "verticalFovDeg must be in (0, " + MAX_FOV_DEG + "), got " + verticalFovDeg);
    }
    Objects.requireNonNull(eyeM, "eyeM is null");
    Objects.requireNonNull(targetM, "targetM is null");
    if (!eyeM.isFinite() || !targetM.isFinite()) {
      throw new IllegalArgumentException(
          "camera eye and target must be finite, got " + eyeM + " -> " + targetM);
    }
    Vec3 view = targetM.minus(eyeM);
    double length = view.norm();
    if (!(length > 1e-6)) {
      throw new IllegalArgumentException("camera eye and target coincide: " + eyeM);
    }
    if (Math.abs(view.z()) / length > 0.999) {
      throw new IllegalArgumentException(
          "camera must not look straight up or down (up is +z): " + eyeM + " -> " + targetM);
    }
  }

  /**
   * The default camera placed {@code azimuthDeg} around the robot base: clockwise seen from above
   * around the table centre, 0° at the robot base, 90° left of it (the V-JEPA 2 paper's
   * convention).
   *
   * @param azimuthDeg angle in [{@value #MIN_AZIMUTH_DEG}, {@value #MAX_AZIMUTH_DEG}] degrees
   * @return a 256×256 camera {@value #ORBIT_RADIUS_M} m from the table centre and {@value
   *     #ORBIT_HEIGHT_M} m above the table, looking at {@link #WORKSPACE_CENTER_M}
   * @throws IllegalArgumentException when the angle is outside the range or not finite
   */
  public static CameraSpec aroundBase(double azimuthDeg) {
    if (!(azimuthDeg >= MIN_AZIMUTH_DEG && azimuthDeg <= MAX_AZIMUTH_DEG)) {
      throw new IllegalArgumentException(
          "camera azimuth around the robot base must be in ["
              + MIN_AZIMUTH_DEG
              + ", "
              + MAX_AZIMUTH_DEG
              + "] degrees, got "
              + azimuthDeg);
    }
    double a = Math.toRadians(azimuthDeg);
    Vec3 c = WORKSPACE_CENTER_M;
    Vec3 eye =
        new Vec3(
            c.x() - ORBIT_RADIUS_M * StrictMath.cos(a),
            c.y() + ORBIT_RADIUS_M * StrictMath.sin(a),
            ORBIT_HEIGHT_M);
    return new CameraSpec(DEFAULT_SIZE_PX, DEFAULT_SIZE_PX, DEFAULT_FOV_DEG, eye, c);
  }

  /** The same pose and field of view at another image size. */
  public CameraSpec withSize(int newWidthPx, int newHeightPx) {
    return new CameraSpec(newWidthPx, newHeightPx, verticalFovDeg, eyeM, targetM);
  }

  /** The same camera moved to another eye and target. */
  public CameraSpec withPose(Vec3 newEyeM, Vec3 newTargetM) {
    return new CameraSpec(widthPx, heightPx, verticalFovDeg, newEyeM, newTargetM);
  }

  /**
   * Projects a world point into the image.
   *
   * @param pointM world point, metres
   * @return continuous pixel coordinates and the depth along the optical axis; a point with
   *     non-positive depth is behind the camera and its pixel coordinates are meaningless
   */
  public ImagePoint project(Vec3 pointM) {
    return new PinholeView(this).project(pointM);
  }

  private static void checkSize(String name, int px) {
    if (px < MIN_SIZE_PX || px > MAX_SIZE_PX) {
      throw new IllegalArgumentException(
          name + " must be in [" + MIN_SIZE_PX + ", " + MAX_SIZE_PX + "], got " + px);
    }
  }
}
