package dev.latentmpc.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.DoubleStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts drawn by XChart on a headless {@link BufferedImage}: one or more panels stacked
 * vertically, each its own {@link XYChart} (axes with 1-2-5 ticks and a grid, lines thin, bold or
 * dashed, NaN values leaving gaps, optional dotted vertical markers, a legend of the labelled
 * lines).
 */
public final class LinePlot {
  private static final Color GRID = new Color(0xE6E6E6);
  private static final Color AXIS = new Color(0x333333);
  private static final float[] DASH = {6, 4};

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
    if (panels.isEmpty() || widthPx < 100 || panelHeightPx < 84) {
      throw new IllegalArgumentException("need at least one panel and room to draw it");
    }
    BufferedImage image =
        new BufferedImage(widthPx, panelHeightPx * panels.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      for (int i = 0; i < panels.size(); i++) {
        XYChart chart = chart(panels.get(i), widthPx, panelHeightPx);
        g.drawImage(BitmapEncoder.getBufferedImage(chart), 0, i * panelHeightPx, null);
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

  private static XYChart chart(Panel panel, int widthPx, int heightPx) {
    XYChart chart = new XYChart(widthPx, heightPx);
    chart.setTitle(panel.title());
    chart.setXAxisTitle(panel.xLabel());
    chart.setYAxisTitle(panel.yLabel());
    style(chart.getStyler(), panel);
    List<Line> lines = panel.lines();
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      // Series need unique names; an unlabelled one gets a hidden placeholder.
      String name = line.label().isEmpty() ? "#" + i : line.label();
      XYSeries series = chart.addSeries(name, line.x(), line.y());
      series.setMarker(SeriesMarkers.NONE);
      series.setLineColor(line.color());
      series.setLineStyle(stroke(line));
      series.setShowInLegend(!line.label().isEmpty());
    }
    for (double x : panel.markersX()) {
      chart.addAnnotation(new AnnotationLine(x, true, false));
    }
    return chart;
  }

  private static void style(XYStyler s, Panel panel) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(AXIS);
    s.setPlotGridLinesColor(GRID);
    s.setPlotGridLinesStroke(new BasicStroke(1));
    s.setChartFontColor(AXIS);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAxisTickLabelsColor(AXIS);
    s.setLegendPosition(LegendPosition.InsideNE);
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendBorderColor(GRID.darker());
    s.setLegendVisible(panel.lines().stream().anyMatch(l -> !l.label().isEmpty()));
    s.setAnnotationLineColor(new Color(0x888888));
    s.setAnnotationLineStroke(dotted());
    s.setYAxisDecimalPattern("0.###");
    s.setAxisTicksLineVisible(false);
    // The y axis starts at zero (distances, energies) unless a value is below it.
    s.setYAxisMin(Math.min(0, ys(panel).min().orElse(0)));
  }

  private static BasicStroke stroke(Line line) {
    return line.dashed()
        ? new BasicStroke(
            line.widthPx(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, DASH.clone(), 0)
        : new BasicStroke(line.widthPx(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  private static BasicStroke dotted() {
    return new BasicStroke(
        1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {2, 3}, 0);
  }

  private static DoubleStream ys(Panel panel) {
    return panel.lines().stream()
        .flatMapToDouble(l -> Arrays.stream(l.y()))
        .filter(Double::isFinite);
  }
}
