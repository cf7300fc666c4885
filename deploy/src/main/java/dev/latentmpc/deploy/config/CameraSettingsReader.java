package dev.latentmpc.deploy.config;

import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_CROP;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_FOURCC;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_FPS;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_HEIGHT;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_LOOP;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_RECONNECT_INITIAL_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_RECONNECT_MAX_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_ROTATION_DEGREES;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_SOURCE;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_STALL_TIMEOUT_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_OPENCV_WIDTH;
import static dev.latentmpc.deploy.config.ConfigKeys.CAMERA_SOURCE;

import dev.latentmpc.camera.opencv.CameraConfig;
import dev.latentmpc.camera.opencv.CameraSource;
import dev.latentmpc.camera.opencv.Crop;
import dev.latentmpc.camera.opencv.Rotation;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the {@code camera} section: which camera implementation serves the robot, and the OpenCV
 * camera's source and settings, starting from {@link CameraConfig}'s own defaults. Every problem is
 * recorded in the {@link SettingsReader} with the others.
 */
final class CameraSettingsReader {
  /** Default OpenCV source: the first V4L2 device. */
  static final String DEFAULT_OPENCV_SOURCE = "0";

  /** The {@code fourcc} value that keeps the device's own pixel format. */
  static final String AUTO_FOURCC = "auto";

  /** The {@code crop} value that keeps the whole frame. */
  static final String NO_CROP = "none";

  private CameraSettingsReader() {}

  static CameraSettings read(SettingsReader r, ArmSource robotSource) {
    CameraBackend fallback =
        robotSource == ArmSource.BRIDGE ? CameraBackend.BRIDGE : CameraBackend.SIM;
    CameraBackend backend = r.choice(CAMERA_SOURCE, fallback, CameraBackend.class);
    if (backend == CameraBackend.SIM && robotSource != ArmSource.SIM) {
      r.error(
          CAMERA_SOURCE, "the simulated camera renders the in-process sim: needs robot.source sim");
    }
    if (backend == CameraBackend.BRIDGE && robotSource != ArmSource.BRIDGE) {
      r.error(CAMERA_SOURCE, "the bridge camera needs robot.source bridge; use opencv or sim");
    }
    String text = r.text(CAMERA_OPENCV_SOURCE, DEFAULT_OPENCV_SOURCE);
    boolean loop = r.bool(CAMERA_OPENCV_LOOP, false);
    CameraSource source = source(r, text, loop);
    CameraConfig defaults = CameraConfig.builder(source).build();
    CameraConfig.Builder b =
        defaults.toBuilder()
            .size(
                r.integer(CAMERA_OPENCV_WIDTH, 0, 0, CameraConfig.MAX_SIDE_PX),
                r.integer(CAMERA_OPENCV_HEIGHT, 0, 0, CameraConfig.MAX_SIDE_PX))
            .fps(r.number(CAMERA_OPENCV_FPS, 0, 0, CameraConfig.MAX_FPS))
            .reconnectBackoff(
                r.millis(
                    CAMERA_OPENCV_RECONNECT_INITIAL_MS, defaults.reconnectInitialBackoff(), 60_000),
                r.millis(CAMERA_OPENCV_RECONNECT_MAX_MS, defaults.reconnectMaxBackoff(), 600_000))
            .stallTimeout(
                r.millis(CAMERA_OPENCV_STALL_TIMEOUT_MS, defaults.stallTimeout(), 60_000));
    String fourcc = r.text(CAMERA_OPENCV_FOURCC, AUTO_FOURCC);
    b.fourcc(fourcc.equalsIgnoreCase(AUTO_FOURCC) ? null : fourcc);
    b.crop(crop(r));
    b.rotation(rotation(r));
    try {
      return new CameraSettings(backend, text, loop, b.build());
    } catch (IllegalArgumentException e) {
      r.errors().add("camera.opencv: " + e.getMessage().replace("invalid camera config: ", ""));
      return new CameraSettings(backend, text, loop, defaults);
    }
  }

  /** Parses the source; a relative file path resolves against where the setting came from. */
  private static CameraSource source(SettingsReader r, String text, boolean loop) {
    CameraSource source;
    try {
      source = CameraSource.parse(text, loop);
    } catch (IllegalArgumentException e) {
      r.error(CAMERA_OPENCV_SOURCE, e.getMessage());
      return CameraSource.parse(DEFAULT_OPENCV_SOURCE, false);
    }
    Path base = r.raw(CAMERA_OPENCV_SOURCE).map(Setting::baseDir).orElse(Path.of(""));
    return switch (source) {
      case CameraSource.VideoFile f when !f.path().isAbsolute() ->
          new CameraSource.VideoFile(base.resolve(f.path()).normalize(), f.loop());
      case CameraSource.StillImage i when !i.path().isAbsolute() ->
          new CameraSource.StillImage(base.resolve(i.path()).normalize());
      default -> source;
    };
  }

  private static Crop crop(SettingsReader r) {
    String text = r.text(CAMERA_OPENCV_CROP, NO_CROP);
    if (text.toLowerCase(Locale.ROOT).equals(NO_CROP)) {
      return null;
    }
    try {
      return Crop.parse(text);
    } catch (IllegalArgumentException e) {
      r.error(CAMERA_OPENCV_CROP, e.getMessage() + " (or none)");
      return null;
    }
  }

  private static Rotation rotation(SettingsReader r) {
    int degrees = r.integer(CAMERA_OPENCV_ROTATION_DEGREES, 0, 0, 270);
    try {
      return Rotation.ofDegrees(degrees);
    } catch (IllegalArgumentException e) {
      r.error(CAMERA_OPENCV_ROTATION_DEGREES, "must be 0, 90, 180 or 270");
      return Rotation.NONE;
    }
  }
}
