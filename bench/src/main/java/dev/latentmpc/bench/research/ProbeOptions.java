package dev.latentmpc.bench.research;

import dev.latentmpc.simharness.cli.CameraOptions;
import dev.latentmpc.simharness.cli.CliSupport;
import dev.latentmpc.simharness.render.Renderer;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options the probe subcommands share: which episodes, where the frames go, the camera. */
final class ProbeOptions {
  @Option(names = "--episodes", required = true, description = "Episodes, >= 1.")
  int episodes;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the first episode, >= 0 (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory for the PNG files and probes.csv (created if missing).")
  Path out;

  @Mixin CameraOptions cameraOptions = new CameraOptions();

  /** Checks the episode range, or throws a usage error naming the bad option. */
  void checkEpisodes() {
    CliSupport.positive("--episodes", episodes);
    CliSupport.seed(seed);
  }

  /** A renderer for the chosen camera, or a usage error naming the bad option. */
  Renderer renderer() {
    return new Renderer(cameraOptions.camera());
  }

  /** The output directory, created if missing, or a usage error. */
  Path directory() throws IOException {
    return CliSupport.writableDirectory("--out", out);
  }
}
