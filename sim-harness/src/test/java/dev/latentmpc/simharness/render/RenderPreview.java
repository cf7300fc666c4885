package dev.latentmpc.simharness.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes PNGs of {@link TestScenes#workspace()} for people to look at: the default camera, the ends
 * of the azimuth range, and a few seeded appearance variants. Not a test; run with the test
 * classpath: {@code java ... dev.latentmpc.simharness.render.RenderPreview OUT_DIR}.
 */
public final class RenderPreview {
  private RenderPreview() {}

  /**
   * Renders the previews.
   *
   * @param args the output directory (created if missing)
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: RenderPreview OUT_DIR");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    var scene = TestScenes.workspace();
    write(dir.resolve("default.png"), new Renderer(Appearance.DEFAULT), scene);
    for (double az : new double[] {35, 85}) {
      write(
          dir.resolve("azimuth-" + (int) az + ".png"),
          new Renderer(CameraSpec.aroundBase(az)),
          scene);
    }
    write(dir.resolve("large.png"), new Renderer(CameraSpec.DEFAULT.withSize(768, 768)), scene);
    for (long seed = 1; seed <= 3; seed++) {
      Appearance a =
          new AppearanceJitter(0.02, 0.02, 15, 0.2, 1)
              .sample(Appearance.DEFAULT, new SplittableRandom(seed));
      write(dir.resolve("jitter-" + seed + ".png"), new Renderer(a), scene);
    }
  }

  private static void write(Path file, Renderer renderer, java.util.List<Shape> scene)
      throws IOException {
    PngImages.write(renderer.render(scene), file);
    System.out.println("wrote " + file);
  }
}
