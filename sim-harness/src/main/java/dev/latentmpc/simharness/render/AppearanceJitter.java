package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Vec3;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How much an {@link Appearance} may vary between episodes, for data diversity: camera, light and
 * table texture. {@link #sample} draws one variant from a seeded generator; a renderer then keeps
 * that variant fixed (the camera must not move within an episode).
 *
 * @param eyeJitterM each coordinate of the camera eye moves by up to ± this, 0..0.2 m
 * @param targetJitterM each coordinate of the camera target moves by up to ± this, 0..0.2 m
 * @param lightDirectionJitterDeg key light azimuth and elevation move by up to ± this, 0..45°
 * @param lightIntensityJitter key and ambient intensities scale by 1 ± up to this, 0..0.5
 * @param tableTextureProbability chance that the table gets a random checker/noise texture, 0..1
 */
public record AppearanceJitter(
    double eyeJitterM,
    double targetJitterM,
    double lightDirectionJitterDeg,
    double lightIntensityJitter,
    double tableTextureProbability) {

  /** No variation: {@link #sample} returns the base appearance. */
  public static final AppearanceJitter NONE = new AppearanceJitter(0, 0, 0, 0, 0);

  /**
   * Moderate variation suited to training data: ±2 cm camera, ±15° light, half the tables textured.
   */
  public static final AppearanceJitter MODERATE = new AppearanceJitter(0.02, 0.02, 15, 0.2, 0.5);

  private static final double MIN_ELEVATION_DEG = 15;
  private static final double MAX_ELEVATION_DEG = 85;

  /** Validates the ranges. */
  public AppearanceJitter {
    check("eyeJitterM", eyeJitterM, 0.2);
    check("targetJitterM", targetJitterM, 0.2);
    check("lightDirectionJitterDeg", lightDirectionJitterDeg, 45);
    check("lightIntensityJitter", lightIntensityJitter, 0.5);
    check("tableTextureProbability", tableTextureProbability, 1);
  }

  /**
   * Draws one appearance around {@code base}. Always consumes the same number of values from {@code
   * random}, so the same seed gives the same appearance whatever the settings.
   *
   * @param base the appearance to vary (its texture is kept when no random texture is drawn)
   * @param random the seeded source
   * @return the varied appearance
   */
  public Appearance sample(Appearance base, RandomGenerator random) {
    Objects.requireNonNull(base, "base is null");
    Objects.requireNonNull(random, "random is null");
    CameraSpec cam = base.camera();
    Vec3 eye = cam.eyeM().plus(offset(random, eyeJitterM));
    Vec3 target = cam.targetM().plus(offset(random, targetJitterM));
    Lighting lighting = jitterLight(base.lighting(), random);
    TableTexture texture = drawTexture(random, base.tableTexture());
    return new Appearance(
        cam.withPose(eye, target),
        lighting,
        texture,
        base.backdrop(),
        base.shadows(),
        base.antialiasing());
  }

  private static Vec3 offset(RandomGenerator random, double halfRange) {
    return new Vec3(
        random.nextDouble(-1, 1) * halfRange,
        random.nextDouble(-1, 1) * halfRange,
        random.nextDouble(-1, 1) * halfRange);
  }

  private Lighting jitterLight(Lighting base, RandomGenerator random) {
    double azimuthStepDeg = lightDirectionJitterDeg * random.nextDouble(-1, 1);
    double elevationStepDeg = lightDirectionJitterDeg * random.nextDouble(-1, 1);
    Vec3 newKey =
        lightDirectionJitterDeg == 0
            ? base.keyTowardLight()
            : turn(base.keyTowardLight(), azimuthStepDeg, elevationStepDeg);
    double keyScale = 1 + lightIntensityJitter * random.nextDouble(-1, 1);
    double ambientScale = 1 + lightIntensityJitter * random.nextDouble(-1, 1);
    return new Lighting(
        newKey,
        Math.min(2, base.keyIntensity() * keyScale),
        base.fillTowardLight(),
        base.fillIntensity(),
        Math.min(1, base.ambient() * ambientScale));
  }

  /** Turns a unit direction by the given azimuth and elevation steps, keeping it above 15°. */
  private static Vec3 turn(Vec3 key, double azimuthStepDeg, double elevationStepDeg) {
    double azimuth = StrictMath.atan2(key.y(), key.x()) + Math.toRadians(azimuthStepDeg);
    double elevation = StrictMath.asin(key.z()) + Math.toRadians(elevationStepDeg);
    elevation =
        Math.max(
            Math.toRadians(MIN_ELEVATION_DEG),
            Math.min(Math.toRadians(MAX_ELEVATION_DEG), elevation));
    double horizontal = StrictMath.cos(elevation);
    return new Vec3(
        horizontal * StrictMath.cos(azimuth),
        horizontal * StrictMath.sin(azimuth),
        StrictMath.sin(elevation));
  }

  private TableTexture drawTexture(RandomGenerator random, TableTexture baseTexture) {
    boolean textured = random.nextDouble() < tableTextureProbability;
    double cell = random.nextDouble(0.03, 0.12);
    double contrast = random.nextDouble(0.03, 0.18);
    double noise = random.nextDouble(0, 0.06);
    long seed = random.nextLong();
    return textured ? new TableTexture(cell, contrast, noise, seed) : baseTexture;
  }

  private static void check(String name, double value, double max) {
    if (!(value >= 0 && value <= max)) {
      throw new IllegalArgumentException(name + " must be in [0, " + max + "], got " + value);
    }
  }
}
