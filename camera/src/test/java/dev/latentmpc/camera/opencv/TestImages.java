package dev.latentmpc.camera.opencv;

import dev.latentmpc.worldmodel.preprocess.RgbImage;

/** Synthetic RGB images whose pixels tests can predict. */
public final class TestImages {
  private TestImages() {}

  /** A {@code w × h} image of one colour. */
  public static RgbImage solid(int w, int h, int r, int g, int b) {
    byte[] px = new byte[3 * w * h];
    for (int i = 0; i < w * h; i++) {
      px[3 * i] = (byte) r;
      px[3 * i + 1] = (byte) g;
      px[3 * i + 2] = (byte) b;
    }
    return new RgbImage(w, h, px);
  }

  /** A grey image with a pure red square of side {@code side} at ({@code x}, {@code y}). */
  public static RgbImage redSquare(int w, int h, int x, int y, int side) {
    RgbImage img = solid(w, h, 128, 128, 128);
    for (int row = y; row < y + side; row++) {
      for (int col = x; col < x + side; col++) {
        int i = 3 * (row * w + col);
        img.rgb()[i] = (byte) 255;
        img.rgb()[i + 1] = 0;
        img.rgb()[i + 2] = 0;
      }
    }
    return img;
  }

  /**
   * An image where every pixel is unique and computable: red = x, green = y, blue = frame tag (for
   * telling frames and geometry apart exactly; sides up to 256).
   */
  public static RgbImage coordinates(int w, int h, int tag) {
    byte[] px = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = 3 * (y * w + x);
        px[i] = (byte) x;
        px[i + 1] = (byte) y;
        px[i + 2] = (byte) tag;
      }
    }
    return new RgbImage(w, h, px);
  }

  /** A smooth colour gradient (what JPEG compresses almost losslessly), shifted by {@code tag}. */
  public static RgbImage gradient(int w, int h, int tag) {
    byte[] px = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = 3 * (y * w + x);
        px[i] = (byte) (40 + 160 * x / w);
        px[i + 1] = (byte) (40 + 160 * y / h);
        px[i + 2] = (byte) (60 + tag % 128);
      }
    }
    return new RgbImage(w, h, px);
  }

  /** Mean absolute difference per channel value, 0 … 255. */
  public static double meanAbsDiff(RgbImage a, RgbImage b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException("sizes differ: " + a + " vs " + b);
    }
    long sum = 0;
    for (int i = 0; i < a.rgb().length; i++) {
      sum += Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF));
    }
    return (double) sum / a.rgb().length;
  }

  /** Mean absolute difference of two float arrays of one length. */
  public static double meanAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }
}
