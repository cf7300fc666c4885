package dev.latentmpc.bench.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Line charts drawn with Java2D on a headless {@link BufferedImage}: one or more panels stacked
 * vertically, each with its own axes (ticks at 1-2-5 steps, grid), lines (thin, bold or dashed, NaN
 * values leave gaps), optional dotted vertical markers and a legend of the labelled lines.
 */
public final class LinePlot {
  static final int LEFT = 70;
  static final int RIGHT = 20;
  static final int TOP = 30;
  static final int BOTTOM = 44;

  private LinePlot() {}

  /**
   * One line.
   *
   * @param x the x values
   * @param y the y values, as many as {@code x}; NaN leaves a gap
   * @param color its colour (with alpha for many thin lines)
   * @param widthPx stroke width, pixels
   * @param dashed whether the stroke is dashed
   * @param label legend text; empty for none
   */
  public record Line(
      double[] x, double[] y, Color color, float widthPx, boolean dashed, String label) {
    /** Checks the arrays match. */
    public Line {
      Objects.requireNonNull(color, "color");
      Objects.requireNonNull(label, "label");
      if (x.length != y.length) {
        throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
      }
      x = x.clone();
      y = y.clone();
    }

    /** A dashed horizontal line at {@code y} from {@code x0} to {@code x1}. */
    public static Line horizontal(double y, double x0, double x1, Color color, String label) {
      return new Line(new double[] {x0, x1}, new double[] {y, y}, color, 1.5f, true, label);
    }
  }

  /**
   * One chart.
   *
   * @param title drawn above the chart
   * @param xLabel x-axis label
   * @param yLabel y-axis label
   * @param lines the lines, drawn in order (later ones on top)
   * @param markersX x positions of dotted vertical markers (e.g. sub-goal switches)
   */
  public record Panel(
      String title, String xLabel, String yLabel, List<Line> lines, List<Double> markersX) {
    /** Copies the lists. */
    public Panel {
      lines = List.copyOf(lines);
      markersX = List.copyOf(markersX);
    }
  }

  /** Renders the panels, each {@code panelHeightPx} high, stacked, {@code widthPx} wide. */
  public static BufferedImage render(List<Panel> panels, int widthPx, int panelHeightPx) {
    if (panels.isEmpty() || widthPx < LEFT + RIGHT + 10 || panelHeightPx < TOP + BOTTOM + 10) {
      throw new IllegalArgumentException("need at least one panel and room to draw it");
    }
    BufferedImage image =
        new BufferedImage(widthPx, panelHeightPx * panels.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < panels.size(); i++) {
        new PanelPainter(g, panels.get(i), 0, i * panelHeightPx, widthPx, panelHeightPx).paint();
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Renders the panels and writes them to {@code file} as PNG. */
  public static void writePng(Path file, List<Panel> panels, int widthPx, int panelHeightPx)
      throws IOException {
    if (!ImageIO.write(render(panels, widthPx, panelHeightPx), "png", file.toFile())) {
      throw new IOException("no PNG writer in this JDK");
    }
  }

  /** Axis range with 1-2-5 tick spacing covering [min, max]. */
  record Axis(double min, double max, double step) {
    static Axis covering(double lo, double hi, double minStep) {
      if (!(hi > lo)) {
        hi = lo + Math.max(minStep, lo == 0 ? 1 : Math.abs(lo) * 0.1);
      }
      double step = Math.max(minStep, niceStep((hi - lo) / 5));
      return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    /** The data range itself (no outward rounding), ticks at multiples of a 1-2-5 step. */
    static Axis exact(double lo, double hi, double minStep) {
      Axis rounded = covering(lo, hi, minStep);
      return hi > lo ? new Axis(lo, hi, rounded.step()) : rounded;
    }

    /** The first tick: the smallest multiple of the step not below {@link #min}. */
    double firstTick() {
      return Math.ceil(min / step - 1e-9) * step;
    }

    static double niceStep(double rough) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
      double f = rough / magnitude;
      return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    String label(double v) {
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
      return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * 1e-9 ? 0 : v);
    }
  }
}
