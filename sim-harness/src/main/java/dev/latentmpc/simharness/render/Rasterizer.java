package dev.latentmpc.simharness.render;

import java.util.Arrays;

/**
 * Z-buffered triangle fill into one reusable frame buffer: packed 0xRRGGBB colours, 1/depth (larger
 * is nearer, 0 is empty) and whether the visible surface receives shadows, plus a shadow mask that
 * shadow triangles mark and {@link #applyShadow} darkens.
 *
 * <p>Vertices are snapped to 1/16 pixel; integer edge functions, stepped row by row, give each
 * row's covered span exactly (pixel centres, top-left tie rule), so triangles sharing an edge leave
 * neither gaps nor double hits, the inner loop does no coverage tests, and the result is exactly
 * reproducible. 1/depth and colour are interpolated linearly in screen space (1/depth is exact;
 * colour is affine, which is invisible on the small triangles of curved shapes and exact on
 * flat-coloured ones).
 *
 * <p>Input triangles: 18 doubles, three vertices of (x px, y px, 1/depth, r, g, b), colour 0..255,
 * every vertex inside a guard band a few image sizes wide (the caller clips).
 */
final class Rasterizer {
  private static final int SUB = 16;
  private static final int HALF = SUB / 2;

  final int width;
  final int height;
  final int[] color;
  final float[] inverseDepth;

  /** 1 where the visible surface can receive shadows (the table plane), else 0. */
  private final byte[] receiver;

  private final byte[] shadowMask;
  private boolean anyShadow;

  // Per-triangle setup, kept in fields so filling allocates nothing.
  private int minX;
  private int maxX;
  private int minY;
  private int maxY;
  private int spanStart;
  private int spanEnd;
  private final long[] edgeRow = new long[3];
  private final long[] edgeStepX = new long[3];
  private final long[] edgeStepY = new long[3];
  private final double[] snapped = new double[6];
  private final double[] attrStart = new double[4];
  private final double[] attrDx = new double[4];
  private final double[] attrDy = new double[4];

  Rasterizer(int width, int height) {
    this.width = width;
    this.height = height;
    color = new int[width * height];
    inverseDepth = new float[width * height];
    receiver = new byte[width * height];
    shadowMask = new byte[width * height];
  }

  /** Starts a frame: background colours, empty depth, no shadow. */
  void clear(int[] background) {
    System.arraycopy(background, 0, color, 0, color.length);
    Arrays.fill(inverseDepth, 0f);
    Arrays.fill(receiver, (byte) 0);
    if (anyShadow) {
      Arrays.fill(shadowMask, (byte) 0);
      anyShadow = false;
    }
  }

  /**
   * Draws a triangle where it is nearer than what is there.
   *
   * @param v the triangle
   * @param receivesShadow whether the triangle lies on the shadow-receiving table plane
   */
  void fill(double[] v, boolean receivesShadow) {
    if (!setup(v, true)) {
      return;
    }
    boolean flat = attrDx[1] == 0 && attrDy[1] == 0 && attrDx[2] == 0;
    flat = flat && attrDy[2] == 0 && attrDx[3] == 0 && attrDy[3] == 0;
    byte rec = receivesShadow ? (byte) 1 : 0;
    int packed = pack(attrStart[1], attrStart[2], attrStart[3]);
    float dz = (float) attrDx[0];
    for (int y = minY; y <= maxY; y++, nextRow()) {
      if (!span()) {
        continue;
      }
      double colDx = spanStart + 0.5 - snapped[0];
      double rowDy = y + 0.5 - snapped[1];
      float z = (float) (attrStart[0] + attrDx[0] * colDx + attrDy[0] * rowDy);
      int idx = y * width + spanStart;
      int end = y * width + spanEnd;
      if (flat) {
        for (; idx <= end; idx++, z += dz) {
          if (z > inverseDepth[idx]) {
            inverseDepth[idx] = z;
            color[idx] = packed;
            receiver[idx] = rec;
          }
        }
      } else {
        fillSpanShaded(idx, end, z, colDx, rowDy, rec);
      }
    }
  }

  private void fillSpanShaded(int idx, int end, float z, double colDx, double rowDy, byte rec) {
    float r = (float) (attrStart[1] + attrDx[1] * colDx + attrDy[1] * rowDy);
    float g = (float) (attrStart[2] + attrDx[2] * colDx + attrDy[2] * rowDy);
    float b = (float) (attrStart[3] + attrDx[3] * colDx + attrDy[3] * rowDy);
    float dz = (float) attrDx[0];
    float dr = (float) attrDx[1];
    float dg = (float) attrDx[2];
    float db = (float) attrDx[3];
    for (; idx <= end; idx++, z += dz, r += dr, g += dg, b += db) {
      if (z > inverseDepth[idx]) {
        inverseDepth[idx] = z;
        color[idx] = ((int) r << 16) | ((int) g << 8) | (int) b;
        receiver[idx] = rec;
      }
    }
  }

  /**
   * Marks the pixels the triangle covers as shadowed where the visible surface receives shadows.
   */
  void markShadow(double[] v) {
    if (!setup(v, false)) {
      return;
    }
    for (int y = minY; y <= maxY; y++, nextRow()) {
      if (!span()) {
        continue;
      }
      int end = y * width + spanEnd;
      for (int idx = y * width + spanStart; idx <= end; idx++) {
        if (receiver[idx] != 0) {
          shadowMask[idx] = 1;
          anyShadow = true;
        }
      }
    }
  }

  /**
   * The current row's covered pixels [{@link #spanStart}, {@link #spanEnd}]: exactly those where
   * every edge function, stepped from the row start, is ≥ 0. Returns false when none are.
   */
  private boolean span() {
    long lo = 0;
    long hi = maxX - minX;
    for (int e = 0; e < 3; e++) {
      long w = edgeRow[e];
      long s = edgeStepX[e];
      if (s > 0) {
        lo = Math.max(lo, w >= 0 ? 0 : Math.ceilDiv(-w, s));
      } else if (s < 0) {
        hi = Math.min(hi, w < 0 ? -1 : Math.floorDiv(w, -s));
      } else if (w < 0) {
        return false;
      }
    }
    spanStart = minX + (int) lo;
    spanEnd = minX + (int) hi;
    return lo <= hi;
  }

  /** Scales the colour of every shadowed pixel by {@code factor} (0..1). */
  void applyShadow(double factor) {
    if (!anyShadow) {
      return;
    }
    int f = (int) Math.round(factor * 256);
    for (int i = 0; i < color.length; i++) {
      if (shadowMask[i] != 0) {
        int c = color[i];
        int r = (((c >>> 16) & 0xFF) * f) >> 8;
        int g = (((c >>> 8) & 0xFF) * f) >> 8;
        int b = ((c & 0xFF) * f) >> 8;
        color[i] = (r << 16) | (g << 8) | b;
      }
    }
  }

  /**
   * Writes the colour buffer as interleaved RGB bytes, averaging {@code scale}×{@code scale} blocks
   * (the buffer is {@code scale} times the output size per axis).
   */
  void copyRgb(byte[] out, int scale) {
    if (scale == 1) {
      for (int i = 0, o = 0; i < color.length; i++, o += 3) {
        int c = color[i];
        out[o] = (byte) (c >>> 16);
        out[o + 1] = (byte) (c >>> 8);
        out[o + 2] = (byte) c;
      }
      return;
    }
    int n = scale * scale;
    for (int y = 0, o = 0; y < height; y += scale) {
      for (int x = 0; x < width; x += scale, o += 3) {
        int r = n / 2;
        int g = n / 2;
        int b = n / 2;
        for (int dy = 0; dy < scale; dy++) {
          int row = (y + dy) * width + x;
          for (int dx = 0; dx < scale; dx++) {
            int c = color[row + dx];
            r += (c >>> 16) & 0xFF;
            g += (c >>> 8) & 0xFF;
            b += c & 0xFF;
          }
        }
        out[o] = (byte) (r / n);
        out[o + 1] = (byte) (g / n);
        out[o + 2] = (byte) (b / n);
      }
    }
  }

  private void nextRow() {
    edgeRow[0] += edgeStepY[0];
    edgeRow[1] += edgeStepY[1];
    edgeRow[2] += edgeStepY[2];
  }

  private static int pack(double r, double g, double b) {
    return ((int) r << 16) | ((int) g << 8) | (int) b;
  }

  /** Snaps, orients and bounds the triangle and sets up edges and attribute planes. */
  private boolean setup(double[] v, boolean withAttributes) {
    long x0 = Math.round(v[0] * SUB);
    long y0 = Math.round(v[1] * SUB);
    int a = 6;
    int b = 12;
    long area =
        (Math.round(v[a] * SUB) - x0) * (Math.round(v[b + 1] * SUB) - y0)
            - (Math.round(v[a + 1] * SUB) - y0) * (Math.round(v[b] * SUB) - x0);
    if (area == 0) {
      return false;
    }
    if (area < 0) {
      a = 12;
      b = 6;
    }
    long x1 = Math.round(v[a] * SUB);
    long y1 = Math.round(v[a + 1] * SUB);
    long x2 = Math.round(v[b] * SUB);
    long y2 = Math.round(v[b + 1] * SUB);
    if (!bound(x0, y0, x1, y1, x2, y2)) {
      return false;
    }
    long px = (long) minX * SUB + HALF;
    long py = (long) minY * SUB + HALF;
    setEdge(0, x1, y1, x2, y2, px, py);
    setEdge(1, x2, y2, x0, y0, px, py);
    setEdge(2, x0, y0, x1, y1, px, py);
    if (withAttributes) {
      setPlanes(v, a, b, x0, y0, x1, y1, x2, y2);
    }
    return true;
  }

  private boolean bound(long x0, long y0, long x1, long y1, long x2, long y2) {
    minX = (int) Math.max(0, Math.ceilDiv(Math.min(x0, Math.min(x1, x2)) - HALF, SUB));
    maxX = (int) Math.min(width - 1, Math.floorDiv(Math.max(x0, Math.max(x1, x2)) - HALF, SUB));
    minY = (int) Math.max(0, Math.ceilDiv(Math.min(y0, Math.min(y1, y2)) - HALF, SUB));
    maxY = (int) Math.min(height - 1, Math.floorDiv(Math.max(y0, Math.max(y1, y2)) - HALF, SUB));
    return minX <= maxX && minY <= maxY;
  }

  /** Edge a→b: E(p) = (bx−ax)(py−ay) − (by−ay)(px−ax) ≥ 0 inside; ties go to top-left edges. */
  private void setEdge(int e, long ax, long ay, long bx, long by, long px, long py) {
    long dx = bx - ax;
    long dy = by - ay;
    boolean topLeft = dy < 0 || (dy == 0 && dx > 0);
    edgeRow[e] = dx * (py - ay) - dy * (px - ax) - (topLeft ? 0 : 1);
    edgeStepX[e] = -dy * SUB;
    edgeStepY[e] = dx * SUB;
  }

  private void setPlanes(
      double[] v, int a, int b, long x0, long y0, long x1, long y1, long x2, long y2) {
    snapped[0] = (double) x0 / SUB;
    snapped[1] = (double) y0 / SUB;
    double d1x = (double) (x1 - x0) / SUB;
    double d1y = (double) (y1 - y0) / SUB;
    double d2x = (double) (x2 - x0) / SUB;
    double d2y = (double) (y2 - y0) / SUB;
    double area = d1x * d2y - d1y * d2x;
    for (int k = 0; k < 4; k++) {
      // Colours carry +0.5 so that truncation rounds.
      double offset = k == 0 ? 0 : 0.5;
      double a0 = v[2 + k] + offset;
      double da1 = v[a + 2 + k] + offset - a0;
      double da2 = v[b + 2 + k] + offset - a0;
      attrStart[k] = a0;
      attrDx[k] = (da1 * d2y - da2 * d1y) / area;
      attrDy[k] = (da2 * d1x - da1 * d2x) / area;
    }
  }
}
