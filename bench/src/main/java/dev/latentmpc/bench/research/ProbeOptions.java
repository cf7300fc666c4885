package dev.latentmpc.bench.research;

import dev.latentmpc.simharness.cli.CameraOptions;
import dev.latentmpc.simharness.cli.CliSupport;
import dev.latentmpc.simharness.render.Renderer;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options the probe subcommands share: which episodes ({@link EpisodeRange}), where the frames
 * go, the camera.
 */
final class ProbeOptions extends EpisodeRange {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory for the PNG files and probes.csv (created if missing).")
  Path out;

  @Mixin CameraOptions cameraOptions = new CameraOptions();

  /** A renderer for the chosen camera, or a usage error naming the bad option. */
  Renderer renderer() {
    return new Renderer(cameraOptions.camera());
  }

  /** The output directory, created if missing, or a usage error. */
  Path directory() throws IOException {
    return CliSupport.writableDirectory("--out", out);
  }
}
