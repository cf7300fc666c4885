package dev.latentmpc.simharness.render;

import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/** Writes {@link RgbImage}s as PNG files (javax.imageio), for {@code sim render} and debugging. */
public final class PngImages {
  private PngImages() {}

  /**
   * Writes the image to {@code file}, replacing it if it exists.
   *
   * @param image the image
   * @param file the PNG file; its directory must exist
   * @throws IOException when the directory is missing or the file cannot be written (the message
   *     names the file)
   */
  public static void write(RgbImage image, Path file) throws IOException {
    Objects.requireNonNull(file, "file is null");
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new IOException("cannot write " + file + ": directory " + dir + " does not exist");
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      writeTo(image, out);
    } catch (IOException e) {
      throw new IOException("cannot write PNG " + file + ": " + e.getMessage(), e);
    }
  }

  /** Encodes the image as PNG bytes. */
  public static byte[] encode(RgbImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeTo(image, out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding into memory failed", e);
    }
    return out.toByteArray();
  }

  /** The image as a {@link BufferedImage} of type {@code TYPE_INT_RGB}. */
  public static BufferedImage toBufferedImage(RgbImage image) {
    Objects.requireNonNull(image, "image is null");
    int w = image.width();
    int h = image.height();
    byte[] rgb = image.rgb();
    int[] packed = new int[w * h];
    for (int i = 0, o = 0; i < packed.length; i++, o += 3) {
      packed[i] = (rgb[o] & 0xFF) << 16 | (rgb[o + 1] & 0xFF) << 8 | (rgb[o + 2] & 0xFF);
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, packed, 0, w);
    return out;
  }

  private static void writeTo(RgbImage image, OutputStream out) throws IOException {
    if (!ImageIO.write(toBufferedImage(image), "png", out)) {
      throw new IOException("no PNG writer available in this JVM");
    }
  }
}
