package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Vec3;
import java.util.Objects;

/**
 * The room behind the scene: a floor {@value #FLOOR_Z_M} m below the table surface and four walls
 * and a ceiling around the robot, lit by the scene's {@link Lighting} (no shadows). It is painted
 * by casting one ray per pixel when a renderer is built, so it costs nothing per frame; shapes are
 * always drawn in front of it.
 *
 * @param floorColor floor colour
 * @param wallColor wall colour (the ceiling is a lighter shade of it)
 */
public record Backdrop(Rgb floorColor, Rgb wallColor) {
  /** Height of the room floor (the table stands on it). */
  public static final double FLOOR_Z_M = -0.75;

  /** Height of the ceiling. */
  public static final double CEILING_Z_M = 2.2;

  /** Room extent along x (the robot looks along +x). */
  public static final double MIN_X_M = -1.6;

  /** Room extent along x. */
  public static final double MAX_X_M = 2.6;

  /** Room half width along y. */
  public static final double HALF_WIDTH_Y_M = 2.2;

  /** A grey floor and beige walls. */
  public static final Backdrop DEFAULT = new Backdrop(new Rgb(96, 92, 88), new Rgb(196, 188, 170));

  /** Checks the colours are present. */
  public Backdrop {
    Objects.requireNonNull(floorColor, "floorColor is null");
    Objects.requireNonNull(wallColor, "wallColor is null");
  }

  /** Paints the room as seen by {@code view} into packed 0xRRGGBB pixels, row-major. */
  int[] paint(PinholeView view, Lighting lighting) {
    int[] out = new int[view.widthPx * view.heightPx];
    for (int y = 0; y < view.heightPx; y++) {
      for (int x = 0; x < view.widthPx; x++) {
        out[y * view.widthPx + x] = shade(view, lighting, view.rayDirection(x + 0.5, y + 0.5));
      }
    }
    return out;
  }

  private int shade(PinholeView view, Lighting lighting, Vec3 d) {
    double tx = exit(view.eyeX, d.x(), MIN_X_M, MAX_X_M);
    double ty = exit(view.eyeY, d.y(), -HALF_WIDTH_Y_M, HALF_WIDTH_Y_M);
    double tz = exit(view.eyeZ, d.z(), FLOOR_Z_M, CEILING_Z_M);
    if (tz <= tx && tz <= ty) {
      boolean floor = d.z() < 0;
      Rgb c = floor ? floorColor : wallColor;
      double gain = floor ? lighting.intensity(0, 0, 1) : 1.15 * lighting.intensity(0, 0, -1);
      return pack(c, gain);
    }
    double hitZ = view.eyeZ + Math.min(tx, ty) * d.z();
    // Walls darken towards the floor, a cheap stand-in for ambient occlusion.
    double height = (hitZ - FLOOR_Z_M) / (CEILING_Z_M - FLOOR_Z_M);
    double gradient = 0.75 + 0.25 * Math.max(0, Math.min(1, height));
    double gain =
        tx < ty
            ? lighting.intensity(-Math.signum(d.x()), 0, 0)
            : lighting.intensity(0, -Math.signum(d.y()), 0);
    return pack(wallColor, gain * gradient);
  }

  /** Ray parameter where the ray leaves the slab [lo, hi] along one axis (∞ when parallel). */
  private static double exit(double origin, double dir, double lo, double hi) {
    if (dir > 0) {
      return Math.max(0, (hi - origin) / dir);
    }
    if (dir < 0) {
      return Math.max(0, (lo - origin) / dir);
    }
    return Double.POSITIVE_INFINITY;
  }

  private static int pack(Rgb c, double gain) {
    int r = (int) Math.min(255, c.r() * gain + 0.5);
    int g = (int) Math.min(255, c.g() * gain + 0.5);
    int b = (int) Math.min(255, c.b() * gain + 0.5);
    return (r << 16) | (g << 8) | b;
  }
}
