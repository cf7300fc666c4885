package dev.latentmpc.simharness.render;

import java.util.Objects;

/**
 * Everything about a picture except the shapes: camera, lighting, table texture, room, shadows.
 * Fixed for a renderer; data-diversity variants come from {@link AppearanceJitter#sample}.
 *
 * @param camera the camera
 * @param lighting the lights
 * @param tableTexture texture of the table top ({@link TableTexture#NONE} for plain)
 * @param backdrop the room behind the scene
 * @param shadows whether shapes cast key-light shadows onto surfaces at z = 0 (the table top)
 * @param antialiasing supersampling factor per axis, 1 (off) to {@value #MAX_ANTIALIASING}: each
 *     pixel is the mean of antialiasing² samples, which smooths edges at that factor² the fill cost
 */
public record Appearance(
    CameraSpec camera,
    Lighting lighting,
    TableTexture tableTexture,
    Backdrop backdrop,
    boolean shadows,
    int antialiasing) {

  /** Largest supersampling factor per axis. */
  public static final int MAX_ANTIALIASING = 4;

  /** Default supersampling factor per axis. */
  public static final int DEFAULT_ANTIALIASING = 2;

  /** The default camera, lighting and room, a plain table, shadows on, 2×2 antialiasing. */
  public static final Appearance DEFAULT = of(CameraSpec.DEFAULT);

  /** Checks every part is present. */
  public Appearance {
    Objects.requireNonNull(camera, "camera is null");
    Objects.requireNonNull(lighting, "lighting is null");
    Objects.requireNonNull(tableTexture, "tableTexture is null");
    Objects.requireNonNull(backdrop, "backdrop is null");
    if (antialiasing < 1 || antialiasing > MAX_ANTIALIASING) {
      throw new IllegalArgumentException(
          "antialiasing must be in [1, " + MAX_ANTIALIASING + "], got " + antialiasing);
    }
  }

  /** The default look seen through {@code camera}. */
  public static Appearance of(CameraSpec camera) {
    return new Appearance(
        camera, Lighting.DEFAULT, TableTexture.NONE, Backdrop.DEFAULT, true, DEFAULT_ANTIALIASING);
  }

  /** The same look through another camera. */
  public Appearance withCamera(CameraSpec newCamera) {
    return new Appearance(newCamera, lighting, tableTexture, backdrop, shadows, antialiasing);
  }

  /** The same look under other lights. */
  public Appearance withLighting(Lighting newLighting) {
    return new Appearance(camera, newLighting, tableTexture, backdrop, shadows, antialiasing);
  }

  /** The same look with another table texture. */
  public Appearance withTableTexture(TableTexture newTexture) {
    return new Appearance(camera, lighting, newTexture, backdrop, shadows, antialiasing);
  }

  /** The same look with shadows switched on or off. */
  public Appearance withShadows(boolean newShadows) {
    return new Appearance(camera, lighting, tableTexture, backdrop, newShadows, antialiasing);
  }

  /** The same look at another supersampling factor (1 = off). */
  public Appearance withAntialiasing(int newAntialiasing) {
    return new Appearance(camera, lighting, tableTexture, backdrop, shadows, newAntialiasing);
  }
}
