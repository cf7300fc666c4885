package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Vec3;
import java.util.Objects;

/**
 * Lambertian lighting: one directional key light, an optional directional fill light and ambient
 * light. A surface of colour c with unit normal n is drawn as c · (ambient + key·max(0, n·keyDir) +
 * fill·max(0, n·fillDir)), clipped to 255.
 *
 * @param keyTowardLight direction from the scene towards the key light (world, any length); its z
 *     must be positive, the key light shines from above and casts the shadows
 * @param keyIntensity key light strength, 0..2
 * @param fillTowardLight direction towards the fill light (world, any length)
 * @param fillIntensity fill light strength, 0..2 (0 turns the fill light off)
 * @param ambient ambient light, 0..1
 */
public record Lighting(
    Vec3 keyTowardLight,
    double keyIntensity,
    Vec3 fillTowardLight,
    double fillIntensity,
    double ambient) {

  /**
   * Default lighting: a key light high above and behind the camera side of the table, a weak fill
   * from the other side.
   */
  public static final Lighting DEFAULT =
      new Lighting(new Vec3(-0.35, 0.45, 1.0), 0.62, new Vec3(0.6, -0.8, 0.4), 0.2, 0.42);

  /** Validates directions and intensities and scales the directions to unit length. */
  public Lighting {
    keyTowardLight = unit("keyTowardLight", keyTowardLight);
    fillTowardLight = unit("fillTowardLight", fillTowardLight);
    if (!(keyTowardLight.z() > 0.05)) {
      throw new IllegalArgumentException(
          "the key light must shine from above (keyTowardLight z > 0.05 after normalising), got "
              + keyTowardLight);
    }
    checkRange("keyIntensity", keyIntensity, 2);
    checkRange("fillIntensity", fillIntensity, 2);
    checkRange("ambient", ambient, 1);
  }

  /**
   * Brightness factor of a surface with the unit normal (nx, ny, nz).
   *
   * @return ambient + key and fill Lambert terms, ≥ 0
   */
  public double intensity(double nx, double ny, double nz) {
    double key =
        Math.max(0, nx * keyTowardLight.x() + ny * keyTowardLight.y() + nz * keyTowardLight.z());
    double fill =
        Math.max(0, nx * fillTowardLight.x() + ny * fillTowardLight.y() + nz * fillTowardLight.z());
    return ambient + keyIntensity * key + fillIntensity * fill;
  }

  /** The same lighting with other key light direction and strength. */
  public Lighting withKey(Vec3 newKeyTowardLight, double newKeyIntensity) {
    return new Lighting(
        newKeyTowardLight, newKeyIntensity, fillTowardLight, fillIntensity, ambient);
  }

  private static Vec3 unit(String name, Vec3 v) {
    Objects.requireNonNull(v, name + " is null");
    if (!v.isFinite() || !(v.norm() > 1e-9)) {
      throw new IllegalArgumentException(name + " must be a finite non-zero vector, got " + v);
    }
    // Leaves unit vectors as they are, so that rebuilding a Lighting from its parts is exact.
    return Math.abs(v.norm() - 1) <= 1e-12 ? v : v.normalized();
  }

  private static void checkRange(String name, double value, double max) {
    if (!(value >= 0 && value <= max)) {
      throw new IllegalArgumentException(name + " must be in [0, " + max + "], got " + value);
    }
  }
}
