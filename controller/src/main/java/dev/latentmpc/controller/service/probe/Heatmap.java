package dev.latentmpc.controller.service.probe;

import dev.latentmpc.controller.service.image.ImageEncoder;
import java.awt.image.BufferedImage;

/**
 * Draws a {@link Landscape} as a PNG: one square of {@code cellPx} pixels per grid cell, Δy
 * increasing upwards, the viridis colour map from the lowest energy (dark purple) to the highest
 * (yellow), grey for a non-finite energy, and a black cross ringed in white on the argmin.
 */
public final class Heatmap {

  /** Default cell size, pixels. */
  public static final int DEFAULT_CELL_PX = 8;

  /** Largest cell size, pixels. */
  public static final int MAX_CELL_PX = 32;

  private static final int GREY = 0x808080;
  private static final int BLACK = 0x000000;
  private static final int WHITE = 0xFFFFFF;

  private Heatmap() {}

  /** Returns the PNG of {@code landscape} with cells of {@code cellPx} pixels (1…32). */
  public static byte[] png(Landscape landscape, int cellPx) {
    int width = landscape.columns() * cellPx;
    int height = landscape.rows() * cellPx;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < landscape.rows(); row++) {
      for (int column = 0; column < landscape.columns(); column++) {
        float energy = landscape.energies()[row * landscape.columns() + column];
        int rgb = colour(energy, landscape.minEnergy(), landscape.maxEnergy());
        int top = (landscape.rows() - 1 - row) * cellPx;
        fill(image, column * cellPx, top, cellPx, cellPx, rgb);
      }
    }
    int centreX = (landscape.argmin() % landscape.columns()) * cellPx + cellPx / 2;
    int centreY =
        (landscape.rows() - 1 - landscape.argmin() / landscape.columns()) * cellPx + cellPx / 2;
    int arm = Math.max(2, cellPx);
    cross(image, centreX, centreY, arm, 1, WHITE);
    cross(image, centreX, centreY, arm, 0, BLACK);
    return ImageEncoder.png(image);
  }

  private static int colour(float energy, float min, float max) {
    if (!Float.isFinite(energy)) {
      return GREY;
    }
    double t = max > min ? (energy - min) / (max - min) : 0.5;
    return Viridis.rgb(t);
  }

  /** Draws a cross of half-length {@code arm}, thickened by {@code halo} pixels on each side. */
  private static void cross(BufferedImage image, int cx, int cy, int arm, int halo, int rgb) {
    int size = 2 * halo + 1;
    fill(image, cx - arm - halo, cy - halo, 2 * (arm + halo) + 1, size, rgb);
    fill(image, cx - halo, cy - arm - halo, size, 2 * (arm + halo) + 1, rgb);
  }

  /** Fills a rectangle, clipped to the image. */
  private static void fill(BufferedImage image, int x, int y, int w, int h, int rgb) {
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(image.getWidth(), x + w);
    int y1 = Math.min(image.getHeight(), y + h);
    for (int py = y0; py < y1; py++) {
      for (int px = x0; px < x1; px++) {
        image.setRGB(px, py, rgb);
      }
    }
  }
}
