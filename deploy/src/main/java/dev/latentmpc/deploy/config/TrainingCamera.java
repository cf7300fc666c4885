package dev.latentmpc.deploy.config;

import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.worldmodel.ModelSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated camera a bundle was trained through, as {@code world-model/python/train.py} records
 * it in model.json: {@code provenance.training.dataset.camera} with the dataset's {@code
 * vertical_fov_deg}, {@code eye_m} and {@code target_m} (the dataset generator's fields, see
 * sim-harness/DATASET.md). The simulator renders through that pose at {@link
 * CameraSpec#DEFAULT_SIZE_PX} px, so that a model sees the view it learnt; per-episode camera
 * jitter of the dataset, if any, is not reproduced.
 */
public final class TrainingCamera {
  /** Where the camera sits in model.json, for messages. */
  static final String PATH = "provenance.training.dataset.camera";

  private TrainingCamera() {}

  /**
   * The bundle's training camera; empty when its model.json records none (bundles exported from
   * other checkpoints, or trained before cameras were recorded).
   *
   * @throws IllegalArgumentException when the record is there but malformed, naming the field
   */
  public static Optional<CameraSpec> of(ModelSpec spec) {
    Object camera = child(child(spec.provenance().get("training"), "dataset"), "camera");
    if (camera == null) {
      return Optional.empty();
    }
    if (!(camera instanceof Map<?, ?> fields)) {
      throw new IllegalArgumentException(PATH + " must be an object, found " + camera);
    }
    double fov = number(fields, "vertical_fov_deg");
    Vec3 eye = point(fields, "eye_m");
    Vec3 target = point(fields, "target_m");
    try {
      return Optional.of(
          new CameraSpec(CameraSpec.DEFAULT_SIZE_PX, CameraSpec.DEFAULT_SIZE_PX, fov, eye, target));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PATH + " is not a usable camera: " + e.getMessage(), e);
    }
  }

  /**
   * A short description: the angle around the robot base in the paper's convention (clockwise seen
   * from above around the table centre, 0° at the base, 90° to its left) and the eye.
   */
  public static String describe(CameraSpec camera) {
    Vec3 eye = camera.eyeM();
    Vec3 c = camera.targetM();
    double azimuth = Math.toDegrees(Math.atan2(eye.y() - c.y(), c.x() - eye.x()));
    return String.format(
        Locale.ROOT,
        "camera %.0f° around the base, eye (%.2f, %.2f, %.2f) m",
        azimuth,
        centimetres(eye.x()),
        centimetres(eye.y()),
        centimetres(eye.z()));
  }

  /** Rounded to the centimetre, without a "-0.00" for a coordinate that is zero up to rounding. */
  private static double centimetres(double metres) {
    return Math.round(metres * 100) / 100.0 + 0.0;
  }

  private static Object child(Object parent, String key) {
    return parent instanceof Map<?, ?> map ? map.get(key) : null;
  }

  private static double number(Map<?, ?> fields, String key) {
    Object value = fields.get(key);
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new IllegalArgumentException(
          PATH + "." + key + " must be a finite number, found " + value);
    }
    return n.doubleValue();
  }

  private static Vec3 point(Map<?, ?> fields, String key) {
    Object value = fields.get(key);
    if (!(value instanceof List<?> list)
        || list.size() != 3
        || !list.stream()
            .allMatch(v -> v instanceof Number n && Double.isFinite(n.doubleValue()))) {
      throw new IllegalArgumentException(
          PATH + "." + key + " must be 3 finite numbers (x, y, z in metres), found " + value);
    }
    return new Vec3(
        ((Number) list.get(0)).doubleValue(),
        ((Number) list.get(1)).doubleValue(),
        ((Number) list.get(2)).doubleValue());
  }
}
