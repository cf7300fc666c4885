package dev.latentmpc.simharness.render;

/**
 * View-space triangles to the rasteriser: back-face culling, clipping against the near plane and a
 * guard band around the image, perspective projection.
 *
 * <p>Clipping keeps every projected vertex within {@value #GUARD} half-images of the image centre,
 * so the rasteriser's integer edge functions cannot overflow, and drops what lies behind the
 * camera. Callers write a triangle into {@link #input} as three vertices of (x, y, z, r, g, b) in
 * view space (z = depth) and call {@link #fill} or {@link #markShadow}.
 */
final class TrianglePipeline {
  /** Near clipping distance along the optical axis. */
  static final double NEAR_M = 0.01;

  /** Guard band half-width in units of the half image. */
  private static final double GUARD = 2;

  private static final int STRIDE = 6;
  private static final int MAX_POLY = 9;

  /** The triangle to submit: three view-space vertices (x, y, z, r, g, b). */
  final double[] input = new double[3 * STRIDE];

  private final PinholeView view;
  private final Rasterizer raster;

  /** Plane coefficients (a, b, c, d): inside when a·x + b·y + c·z + d ≥ 0. */
  private final double[][] planes;

  private double[] poly = new double[MAX_POLY * STRIDE];
  private double[] scratch = new double[MAX_POLY * STRIDE];
  private final double[] projected = new double[3 * STRIDE];
  private boolean receiving;

  TrianglePipeline(PinholeView view, Rasterizer raster) {
    this.view = view;
    this.raster = raster;
    double gx = GUARD * view.centerXPx / view.focalPx;
    double gy = GUARD * view.centerYPx / view.focalPx;
    planes =
        new double[][] {
          {0, 0, 1, -NEAR_M}, {1, 0, gx, 0}, {-1, 0, gx, 0}, {0, 1, gy, 0}, {0, -1, gy, 0}
        };
  }

  /**
   * Fills the input triangle unless it faces away from the camera.
   *
   * @param receivesShadow whether the triangle lies on the table plane z = 0 (facing up), where
   *     shadows fall
   */
  void fill(boolean receivesShadow) {
    double[] t = input;
    double e1x = t[6] - t[0];
    double e1y = t[7] - t[1];
    double e1z = t[8] - t[2];
    double e2x = t[12] - t[0];
    double e2y = t[13] - t[1];
    double e2z = t[14] - t[2];
    double nx = e1y * e2z - e1z * e2y;
    double ny = e1z * e2x - e1x * e2z;
    double nz = e1x * e2y - e1y * e2x;
    // Meshes wind counter-clockwise seen from outside. View space (right, up, forward) is
    // left-handed, which flips the cross product: a front face has n · v0 > 0 (camera at origin).
    if (nx * t[0] + ny * t[1] + nz * t[2] <= 0) {
      return;
    }
    receiving = receivesShadow;
    submit(false);
  }

  /** Marks the input triangle's shadow on the visible surface, whichever way it faces. */
  void markShadow() {
    submit(true);
  }

  private void submit(boolean shadow) {
    int outside = 0;
    for (int p = 0; p < planes.length; p++) {
      int out = 0;
      for (int k = 0; k < 3; k++) {
        if (distance(planes[p], input, k * STRIDE) < 0) {
          out++;
        }
      }
      if (out == 3) {
        return;
      }
      outside |= out == 0 ? 0 : 1 << p;
    }
    if (outside == 0) {
      emit(input, 0, STRIDE, 2 * STRIDE, shadow);
      return;
    }
    int n = clip(outside);
    for (int k = 1; k + 1 < n; k++) {
      emit(poly, 0, k * STRIDE, (k + 1) * STRIDE, shadow);
    }
  }

  /** Sutherland–Hodgman against the planes flagged in {@code mask}; returns the vertex count. */
  private int clip(int mask) {
    System.arraycopy(input, 0, poly, 0, 3 * STRIDE);
    int n = 3;
    for (int p = 0; p < planes.length && n >= 3; p++) {
      if ((mask & (1 << p)) != 0) {
        n = clipAgainst(planes[p], n);
      }
    }
    return n;
  }

  private int clipAgainst(double[] plane, int n) {
    int m = 0;
    for (int i = 0; i < n; i++) {
      int a = i * STRIDE;
      int b = ((i + 1) % n) * STRIDE;
      double da = distance(plane, poly, a);
      double db = distance(plane, poly, b);
      if (da >= 0) {
        System.arraycopy(poly, a, scratch, m++ * STRIDE, STRIDE);
      }
      if ((da >= 0) != (db >= 0) && m < MAX_POLY) {
        double s = da / (da - db);
        int o = m++ * STRIDE;
        for (int c = 0; c < STRIDE; c++) {
          scratch[o + c] = poly[a + c] + s * (poly[b + c] - poly[a + c]);
        }
      }
    }
    double[] swap = poly;
    poly = scratch;
    scratch = swap;
    return m;
  }

  private static double distance(double[] plane, double[] v, int o) {
    return plane[0] * v[o] + plane[1] * v[o + 1] + plane[2] * v[o + 2] + plane[3];
  }

  private void emit(double[] src, int a, int b, int c, boolean shadow) {
    project(src, a, 0);
    project(src, b, STRIDE);
    project(src, c, 2 * STRIDE);
    if (shadow) {
      raster.markShadow(projected);
    } else {
      raster.fill(projected, receiving);
    }
  }

  private void project(double[] src, int from, int to) {
    double z = src[from + 2];
    projected[to] = view.screenX(src[from], z);
    projected[to + 1] = view.screenY(src[from + 1], z);
    projected[to + 2] = 1 / z;
    projected[to + 3] = src[from + 3];
    projected[to + 4] = src[from + 4];
    projected[to + 5] = src[from + 5];
  }
}
