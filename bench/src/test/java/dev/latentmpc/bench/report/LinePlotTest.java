package dev.latentmpc.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
  @TempDir Path dir;

  private static final Color RED = new Color(0xff0000);
  private static final Color GREEN = new Color(0x00c000);

  @Test
  void stacksPanelsAndDrawsEachLineWhereItsValuesAre() throws IOException {
    double[] x = {0, 1, 2, 3, 4};
    LinePlot.Panel top =
        new LinePlot.Panel(
            "top",
            "step",
            "m",
            List.of(new LinePlot.Line(x, new double[] {1, 1, 1, 1, 1}, RED, 3, false, "one")),
            List.of());
    LinePlot.Panel bottom =
        new LinePlot.Panel(
            "bottom",
            "step",
            "energy",
            List.of(
                new LinePlot.Line(x, new double[] {0, 0, Double.NaN, 0, 0}, GREEN, 3, false, "")),
            List.of(2.0));
    Path file = dir.resolve("p.png");

    LinePlot.writePng(file, List.of(top, bottom), 400, 300);
    BufferedImage image = ImageIO.read(file.toFile());

    assertThat(image.getWidth()).isEqualTo(400);
    assertThat(image.getHeight()).isEqualTo(600);
    assertThat(countColor(image, RED, 0, 300)).as("red in the top panel").isGreaterThan(100);
    assertThat(countColor(image, RED, 300, 600)).as("and only there").isZero();
    assertThat(countColor(image, GREEN, 300, 600)).isGreaterThan(100);
    // The NaN at x = 2 leaves a gap: no green in the column of x = 2 (about the plot's middle:
    // the gap spans x = 1 to 3, half the plot, whatever the axis labels' width).
    int middle = 70 + (400 - 70 - 20) / 2;
    assertThat(countColor(image, GREEN, 300, 600, middle - 2, middle + 3)).isZero();
  }

  @Test
  void refusesToDrawNothing() {
    assertThatThrownBy(() -> LinePlot.render(List.of(), 400, 300))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int countColor(BufferedImage image, Color c, int y0, int y1) {
    return countColor(image, c, y0, y1, 0, image.getWidth());
  }

  private static int countColor(BufferedImage image, Color c, int y0, int y1, int x0, int x1) {
    int n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }
}
