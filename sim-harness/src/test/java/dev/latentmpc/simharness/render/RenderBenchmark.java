package dev.latentmpc.simharness.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Single-threaded render throughput at the default 256×256 on {@link TestScenes#workspace()} (a
 * table, 16 arm-like cylinders, boxes and a sphere, a cube and a cup): the target is at
 * least 150 frames/s per core.
 *
 * <p>Tagged {@code benchmark}, which the default build excludes. Run it with
 *
 * <pre>
 * mvn -q -o -pl sim-harness test -Dgroups=benchmark -DexcludedGroups= -Dtest=RenderBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>or through {@link #main} on the test classpath. Property {@code bench.seconds} sets the timed
 * seconds per configuration (default 4; a second of warm-up comes first). Check that the machine is
 * idle ({@code uptime}) first: frames/s scale with the free core.
 */
@Tag("benchmark")
class RenderBenchmark {
  private static final double WARMUP_SECONDS = 1.5;

  @Test
  void printsFramesPerSecond() {
    double seconds = Double.parseDouble(System.getProperty("bench.seconds", "4"));
    double fps = run(seconds);
    assertThat(fps).isPositive();
  }

  /**
   * Runs the benchmark outside JUnit.
   *
   * @param args optional timed seconds per configuration
   */
  public static void main(String[] args) {
    run(args.length > 0 ? Double.parseDouble(args[0]) : 4);
  }

  /** Times four configurations and returns the default one's frames/s. */
  private static double run(double seconds) {
    List<Shape> scene = TestScenes.workspace();
    Appearance textured =
        new AppearanceJitter(0, 0, 0, 0, 1).sample(Appearance.DEFAULT, new SplittableRandom(7));
    System.out.printf(
        Locale.ROOT,
        "render benchmark: %d primitives, %dx%d, %d available processors, java %s%n",
        scene.size(),
        CameraSpec.DEFAULT.widthPx(),
        CameraSpec.DEFAULT.heightPx(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    double fps =
        time("default (2x2 AA, shadows, plain)", new Renderer(Appearance.DEFAULT), scene, seconds);
    time("textured table + shadows", new Renderer(textured), scene, seconds);
    time("no shadows", new Renderer(Appearance.DEFAULT.withShadows(false)), scene, seconds);
    time(
        "no antialiasing (1x1 sample)",
        new Renderer(Appearance.DEFAULT.withAntialiasing(1)),
        scene,
        seconds);
    return fps;
  }

  private static double time(String name, Renderer renderer, List<Shape> scene, double seconds) {
    long checksum = spin(renderer, scene, (long) (WARMUP_SECONDS * 1e9));
    long start = System.nanoTime();
    long frames = 0;
    long deadline = start + (long) (seconds * 1e9);
    long now = start;
    while (now < deadline) {
      checksum += renderer.render(scene).rgb()[frames % 997 == 0 ? 0 : 1];
      frames++;
      now = System.nanoTime();
    }
    double elapsed = (now - start) / 1e9;
    double fps = frames / elapsed;
    System.out.printf(
        Locale.ROOT,
        "  %-32s %8.1f frames/s  %6.3f ms/frame  (%d frames in %.1f s, checksum %d)%n",
        name,
        fps,
        1e3 / fps,
        frames,
        elapsed,
        checksum);
    return fps;
  }

  private static long spin(Renderer renderer, List<Shape> scene, long nanos) {
    long end = System.nanoTime() + nanos;
    long sum = 0;
    while (System.nanoTime() < end) {
      RgbImage image = renderer.render(scene);
      sum += image.rgb()[image.rgb().length / 2];
    }
    return sum;
  }
}
