package dev.latentmpc.simharness.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RasterizerTest {
  private static final int W = 41;
  private static final int H = 29;
  private static final int EMPTY = 0x123456;

  @Test
  void jitteredMeshesCoverEveryPixelExactlyOnce() {
    SplittableRandom random = new SplittableRandom(2024);
    for (int trial = 0; trial < 40; trial++) {
      // Odd trials put every vertex on a pixel centre, where the tie rule decides.
      boolean onCentres = trial % 2 == 1;
      double[][] xs = new double[7][9];
      double[][] ys = new double[7][9];
      for (int j = 0; j < 7; j++) {
        for (int i = 0; i < 9; i++) {
          xs[j][i] = jitter(-3 + i * (W + 6) / 8.0, i == 0 || i == 8, random, onCentres);
          ys[j][i] = jitter(-3 + j * (H + 6) / 6.0, j == 0 || j == 6, random, onCentres);
        }
      }
      int[] hits = new int[W * H];
      Rasterizer raster = new Rasterizer(W, H);
      int id = 1;
      for (int j = 0; j < 6; j++) {
        for (int i = 0; i < 8; i++) {
          // Each triangle on its own layer (nearer than all before), with its own colour.
          id = drawAndCount(raster, hits, id, xs, ys, i, j, i + 1, j, i + 1, j + 1);
          id = drawAndCount(raster, hits, id, xs, ys, i, j, i + 1, j + 1, i, j + 1);
        }
      }
      assertThat(hits).as("trial %d", trial).containsOnly(1);
    }
  }

  @Test
  void nearerTriangleWinsWhateverTheOrder() {
    Rasterizer raster = new Rasterizer(W, H);
    double[] far = triangle(0, 0, 40, 0, 0, 28, 0.5, 200);
    double[] near = triangle(40, 28, 0, 28, 40, 0, 1.0, 100);
    for (double[][] order : new double[][][] {{far, near}, {near, far}}) {
      raster.clear(background());
      raster.fill(order[0], false);
      raster.fill(order[1], false);
      // Pixel (30, 20) lies in both; (2, 2) only in the far one.
      assertThat(raster.color[20 * W + 30] & 0xFF).isEqualTo(100);
      assertThat(raster.color[2 * W + 2] & 0xFF).isEqualTo(200);
    }
  }

  private static int drawAndCount(
      Rasterizer raster,
      int[] hits,
      int id,
      double[][] xs,
      double[][] ys,
      int i0,
      int j0,
      int i1,
      int j1,
      int i2,
      int j2) {
    raster.clear(background());
    double[] t =
        triangle(
            xs[j0][i0], ys[j0][i0], xs[j1][i1], ys[j1][i1], xs[j2][i2], ys[j2][i2], 1, id & 0xFF);
    raster.fill(t, false);
    for (int p = 0; p < hits.length; p++) {
      if (raster.color[p] != EMPTY) {
        hits[p]++;
      }
    }
    return id + 1;
  }

  private static double jitter(
      double v, boolean border, SplittableRandom random, boolean onCentres) {
    double j = border ? v : v + random.nextDouble(-1.5, 1.5);
    return onCentres ? Math.floor(j) + 0.5 : j;
  }

  private static double[] triangle(
      double x0, double y0, double x1, double y1, double x2, double y2, double invZ, int blue) {
    return new double[] {
      x0, y0, invZ, 0, 0, blue, x1, y1, invZ, 0, 0, blue, x2, y2, invZ, 0, 0, blue
    };
  }

  private static int[] background() {
    int[] b = new int[W * H];
    Arrays.fill(b, EMPTY);
    return b;
  }
}
