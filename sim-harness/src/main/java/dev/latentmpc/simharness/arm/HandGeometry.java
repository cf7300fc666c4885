package dev.latentmpc.simharness.arm;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.ArrayList;
import java.util.List;

/**
 * Boxes approximating the Franka hand and its two fingers, in the TCP frame (z points from the
 * flange towards the fingertips, the fingers close along y).
 *
 * <p>The flange is at z = −0.1034; the hand housing spans z −0.098…−0.045; the fingers span
 * −0.045…+0.009, so the fingertips reach 9 mm beyond the TCP.
 */
public final class HandGeometry {
  /** z of the palm (where the fingers start) in the TCP frame, metres. */
  public static final double PALM_Z_M = -0.045;

  /** z of the fingertips in the TCP frame, metres. */
  public static final double FINGERTIP_Z_M = 0.009;

  /** Half width of a finger pad along x, metres. */
  public static final double FINGER_HALF_WIDTH_M = 0.0105;

  /** Half thickness of a finger along y, metres. */
  public static final double FINGER_HALF_THICKNESS_M = 0.006;

  private static final Vec3 HOUSING_CENTER = new Vec3(0, 0, -0.0715);
  private static final Vec3 HOUSING_HALF = new Vec3(0.022, 0.1025, 0.0265);

  private HandGeometry() {}

  /**
   * A box in the TCP frame.
   *
   * @param centerM box centre in the TCP frame
   * @param halfExtentsM half sizes along the TCP axes
   */
  public record LocalBox(Vec3 centerM, Vec3 halfExtentsM) {}

  /** The housing box. */
  public static LocalBox housing() {
    return new LocalBox(HOUSING_CENTER, HOUSING_HALF);
  }

  /**
   * The two finger boxes at an opening: index 0 on +y, 1 on −y.
   *
   * @param openingM gap between the inner finger faces
   * @return two boxes
   */
  public static List<LocalBox> fingers(double openingM) {
    double halfZ = (FINGERTIP_Z_M - PALM_Z_M) / 2;
    double cz = (FINGERTIP_Z_M + PALM_Z_M) / 2;
    double cy = openingM / 2 + FINGER_HALF_THICKNESS_M;
    Vec3 half = new Vec3(FINGER_HALF_WIDTH_M, FINGER_HALF_THICKNESS_M, halfZ);
    return List.of(
        new LocalBox(new Vec3(0, cy, cz), half), new LocalBox(new Vec3(0, -cy, cz), half));
  }

  /** The corners of the housing and both fingers in the TCP frame. */
  public static List<Vec3> corners(double openingM) {
    List<Vec3> out = new ArrayList<>();
    addCorners(housing(), out);
    for (LocalBox f : fingers(openingM)) {
      addCorners(f, out);
    }
    return out;
  }

  /**
   * The lowest world z of a set of TCP-frame points at a TCP pose.
   *
   * @param tcp TCP pose in the world
   * @param pointsInTcp points in the TCP frame
   * @return the smallest z
   */
  public static double lowestZ(Pose tcp, List<Vec3> pointsInTcp) {
    double z = Double.POSITIVE_INFINITY;
    for (Vec3 p : pointsInTcp) {
      z = Math.min(z, tcp.apply(p).z());
    }
    return z;
  }

  /** Adds the eight corners of a box. */
  public static void addCorners(LocalBox b, List<Vec3> out) {
    Vec3 c = b.centerM();
    Vec3 h = b.halfExtentsM();
    for (int i = 0; i < 8; i++) {
      out.add(
          c.plus(
              new Vec3(
                  (i & 1) == 0 ? -h.x() : h.x(),
                  (i & 2) == 0 ? -h.y() : h.y(),
                  (i & 4) == 0 ? -h.z() : h.z())));
    }
  }
}
