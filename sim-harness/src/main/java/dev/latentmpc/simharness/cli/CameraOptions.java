package dev.latentmpc.simharness.cli;

import dev.latentmpc.simharness.render.CameraSpec;
import picocli.CommandLine.Option;

/** Camera options shared by the {@code sim} subcommands that render (a picocli mixin). */
public final class CameraOptions {
  /** Creates the options at their defaults; picocli fills them in. */
  public CameraOptions() {}

  @Option(
      names = "--image-size",
      paramLabel = "PX",
      defaultValue = "256",
      description = "Square image side in pixels, 8..4096 (default: ${DEFAULT-VALUE}).")
  int imageSizePx;

  @Option(
      names = "--camera-azimuth",
      paramLabel = "DEG",
      defaultValue = "60",
      description =
          "Camera angle around the robot base, 35..85 degrees, 0 = at the base, 90 = to its left"
              + " (default: ${DEFAULT-VALUE}).")
  double azimuthDeg;

  /** Returns the camera, or throws a {@link SimUsageException} naming the bad option. */
  public CameraSpec camera() {
    if (imageSizePx < CameraSpec.MIN_SIZE_PX || imageSizePx > CameraSpec.MAX_SIZE_PX) {
      throw new SimUsageException(
          "--image-size must be in ["
              + CameraSpec.MIN_SIZE_PX
              + ", "
              + CameraSpec.MAX_SIZE_PX
              + "], got "
              + imageSizePx);
    }
    if (!(azimuthDeg >= CameraSpec.MIN_AZIMUTH_DEG && azimuthDeg <= CameraSpec.MAX_AZIMUTH_DEG)) {
      throw new SimUsageException(
          "--camera-azimuth must be in ["
              + CameraSpec.MIN_AZIMUTH_DEG
              + ", "
              + CameraSpec.MAX_AZIMUTH_DEG
              + "] degrees, got "
              + azimuthDeg);
    }
    return CameraSpec.aroundBase(azimuthDeg).withSize(imageSizePx, imageSizePx);
  }
}
