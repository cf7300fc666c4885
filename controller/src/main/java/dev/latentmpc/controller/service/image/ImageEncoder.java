package dev.latentmpc.controller.service.image;

import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes {@link RgbImage}s and {@link BufferedImage}s as PNG, and makes thumbnails. */
public final class ImageEncoder {

  private ImageEncoder() {}

  /** Returns {@code image} as a PNG file. */
  public static byte[] png(RgbImage image) {
    BufferedImage buffered =
        new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    byte[] rgb = image.rgb();
    int[] row = new int[image.width()];
    for (int y = 0; y < image.height(); y++) {
      int base = y * image.width() * 3;
      for (int x = 0; x < image.width(); x++) {
        int i = base + 3 * x;
        row[x] = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
      }
      buffered.setRGB(0, y, image.width(), 1, row, 0, image.width());
    }
    return png(buffered);
  }

  /** Returns {@code image} as a PNG file. */
  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in this Java runtime");
      }
    } catch (IOException e) {
      // Writing to memory cannot fail for I/O reasons.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Returns {@code image} shrunk so that its longer side is at most {@code maxSidePx}, by averaging
   * the source pixels of each target pixel (box filter); an image already small enough is returned
   * as it is.
   */
  public static RgbImage thumbnail(RgbImage image, int maxSidePx) {
    int longer = Math.max(image.width(), image.height());
    if (longer <= maxSidePx) {
      return image;
    }
    int width = Math.max(1, (int) ((long) image.width() * maxSidePx / longer));
    int height = Math.max(1, (int) ((long) image.height() * maxSidePx / longer));
    byte[] out = new byte[width * height * 3];
    for (int ty = 0; ty < height; ty++) {
      int y0 = ty * image.height() / height;
      int y1 = Math.max(y0 + 1, (ty + 1) * image.height() / height);
      for (int tx = 0; tx < width; tx++) {
        int x0 = tx * image.width() / width;
        int x1 = Math.max(x0 + 1, (tx + 1) * image.width() / width);
        average(image, x0, x1, y0, y1, out, (ty * width + tx) * 3);
      }
    }
    return new RgbImage(width, height, out);
  }

  private static void average(
      RgbImage image, int x0, int x1, int y0, int y1, byte[] out, int offset) {
    byte[] rgb = image.rgb();
    long[] sum = new long[3];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        int i = (y * image.width() + x) * 3;
        sum[0] += rgb[i] & 0xFF;
        sum[1] += rgb[i + 1] & 0xFF;
        sum[2] += rgb[i + 2] & 0xFF;
      }
    }
    long count = (long) (x1 - x0) * (y1 - y0);
    for (int c = 0; c < 3; c++) {
      out[offset + c] = (byte) ((sum[c] + count / 2) / count);
    }
  }
}
