package dev.latentmpc.bench.report;

import static dev.latentmpc.bench.report.LinePlot.BOTTOM;
import static dev.latentmpc.bench.report.LinePlot.LEFT;
import static dev.latentmpc.bench.report.LinePlot.RIGHT;
import static dev.latentmpc.bench.report.LinePlot.TOP;

import dev.latentmpc.bench.report.LinePlot.Axis;
import dev.latentmpc.bench.report.LinePlot.Line;
import dev.latentmpc.bench.report.LinePlot.Panel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.Arrays;
import java.util.List;

/**
 * Paints one {@link LinePlot} panel into its rectangle of the image: grid, markers, lines, legend.
 */
final class PanelPainter {
  private static final Color GRID = new Color(0xE6E6E6);
  private static final Color AXIS = new Color(0x333333);

  private final Graphics2D g;
  private final Panel panel;
  private final int x0;
  private final int y0;
  private final int w;
  private final int h;
  private final Axis xs;
  private final Axis ys;

  PanelPainter(Graphics2D g, Panel panel, int left, int top, int width, int height) {
    this.g = g;
    this.panel = panel;
    x0 = left + LEFT;
    y0 = top + TOP;
    w = width - LEFT - RIGHT;
    h = height - TOP - BOTTOM;
    double[] xr = range(panel, true);
    double[] yr = range(panel, false);
    xs = Axis.exact(xr[0], xr[1], integral(panel) ? 1 : 0);
    ys = Axis.covering(Math.min(0, yr[0]), yr[1] + (yr[1] - Math.min(0, yr[0])) * 0.05, 0);
  }

  /** Whether every x is a whole number (control steps): then ticks are too. */
  private static boolean integral(Panel panel) {
    return panel.lines().stream()
        .flatMapToDouble(l -> Arrays.stream(l.x()))
        .filter(Double::isFinite)
        .allMatch(v -> v == Math.rint(v));
  }

  private static double[] range(Panel panel, boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Line line : panel.lines()) {
      for (double v : x ? line.x() : line.y()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
  }

  double px(double x) {
    return x0 + (x - xs.min()) / (xs.max() - xs.min()) * w;
  }

  double py(double y) {
    return y0 + h - (y - ys.min()) / (ys.max() - ys.min()) * h;
  }

  void paint() {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    grid();
    markers();
    for (Line line : panel.lines()) {
      line(line);
    }
    frame();
    legend();
  }

  private void grid() {
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1));
    for (double v = xs.firstTick(); v <= xs.max() + xs.step() * 1e-6; v += xs.step()) {
      int x = (int) Math.round(px(v));
      g.setColor(GRID);
      g.drawLine(x, y0, x, y0 + h);
      g.setColor(AXIS);
      String s = xs.label(v);
      g.drawString(s, x - fm.stringWidth(s) / 2, y0 + h + fm.getAscent() + 4);
    }
    for (double v = ys.firstTick(); v <= ys.max() + ys.step() * 1e-6; v += ys.step()) {
      int y = (int) Math.round(py(v));
      g.setColor(GRID);
      g.drawLine(x0, y, x0 + w, y);
      g.setColor(AXIS);
      String s = ys.label(v);
      g.drawString(s, x0 - fm.stringWidth(s) - 6, y + fm.getAscent() / 2 - 1);
    }
  }

  private void markers() {
    g.setColor(new Color(0x888888));
    g.setStroke(
        new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {2, 3}, 0));
    for (double m : panel.markersX()) {
      int x = (int) Math.round(px(m));
      g.drawLine(x, y0, x, y0 + h);
    }
  }

  private void line(Line line) {
    g.setColor(line.color());
    g.setStroke(
        line.dashed()
            ? new BasicStroke(
                line.widthPx(),
                BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_ROUND,
                1,
                new float[] {6, 4},
                0)
            : new BasicStroke(line.widthPx(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D.Double path = new Path2D.Double();
    boolean pen = false;
    double[] xv = line.x();
    double[] yv = line.y();
    for (int i = 0; i < xv.length; i++) {
      if (!Double.isFinite(xv[i]) || !Double.isFinite(yv[i])) {
        pen = false;
        continue;
      }
      if (pen) {
        path.lineTo(px(xv[i]), py(yv[i]));
      } else {
        path.moveTo(px(xv[i]), py(yv[i]));
        pen = true;
      }
    }
    g.draw(path);
  }

  private void frame() {
    g.setColor(AXIS);
    g.setStroke(new BasicStroke(1));
    g.drawRect(x0, y0, w, h);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(
        panel.xLabel(),
        x0 + (w - fm.stringWidth(panel.xLabel())) / 2,
        y0 + h + 2 * fm.getHeight() + 6);
    Graphics2D rotated = (Graphics2D) g.create();
    try {
      rotated.rotate(-Math.PI / 2);
      rotated.drawString(
          panel.yLabel(),
          -(y0 + (h + fm.stringWidth(panel.yLabel())) / 2),
          x0 - LEFT + fm.getAscent());
    } finally {
      rotated.dispose();
    }
    g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
    g.drawString(panel.title(), x0, y0 - 10);
    g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
  }

  private void legend() {
    List<Line> labelled = panel.lines().stream().filter(l -> !l.label().isEmpty()).toList();
    if (labelled.isEmpty()) {
      return;
    }
    FontMetrics fm = g.getFontMetrics();
    int textWidth = labelled.stream().mapToInt(l -> fm.stringWidth(l.label())).max().orElse(0);
    int boxW = textWidth + 44;
    int boxH = labelled.size() * (fm.getHeight() + 2) + 8;
    int bx = x0 + w - boxW - 8;
    int by = y0 + 8;
    g.setColor(new Color(255, 255, 255, 220));
    g.fillRect(bx, by, boxW, boxH);
    g.setColor(GRID.darker());
    g.setStroke(new BasicStroke(1));
    g.drawRect(bx, by, boxW, boxH);
    int y = by + 4 + fm.getAscent();
    for (Line l : labelled) {
      g.setColor(opaque(l.color()));
      g.setStroke(
          l.dashed()
              ? new BasicStroke(
                  l.widthPx(),
                  BasicStroke.CAP_BUTT,
                  BasicStroke.JOIN_MITER,
                  1,
                  new float[] {6, 4},
                  0)
              : new BasicStroke(l.widthPx()));
      g.drawLine(bx + 6, y - fm.getAscent() / 3, bx + 32, y - fm.getAscent() / 3);
      g.setColor(AXIS);
      g.drawString(l.label(), bx + 38, y);
      y += fm.getHeight() + 2;
    }
  }

  private static Color opaque(Color c) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue());
  }
}
