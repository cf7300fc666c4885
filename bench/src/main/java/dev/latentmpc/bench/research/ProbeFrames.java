package dev.latentmpc.bench.research;

import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.world.SimWorld;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a probe subcommand writes: the rendered frames ({@code seedNNNNNN-NAME.png}) and {@code
 * probes.csv}, one row per frame, in the directory of {@link ProbeOptions#out}.
 */
final class ProbeFrames implements AutoCloseable {
  private final Renderer renderer;
  private final Path dir;
  private final BufferedWriter csv;

  /**
   * Makes the renderer, creates the directory and starts {@code probes.csv} with {@code header}; a
   * bad camera option or directory is a usage error naming it.
   */
  ProbeFrames(ProbeOptions options, String header) throws IOException {
    this.renderer = options.renderer();
    this.dir = options.directory();
    this.csv = Files.newBufferedWriter(dir.resolve("probes.csv"));
    row(header);
  }

  /** Renders {@code world} into {@code seedNNNNNN-NAME.png} and returns the file's name. */
  String frame(long seed, String name, SimWorld world) throws IOException {
    String file = String.format(Locale.ROOT, "seed%06d-%s.png", seed, name);
    PngImages.write(renderer.render(world.shapes()), dir.resolve(file));
    return file;
  }

  /** Appends one line to {@code probes.csv}. */
  void row(String line) throws IOException {
    csv.write(line);
    csv.newLine();
  }

  /** The output directory. */
  Path directory() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
