package dev.latentmpc.controller.service.image;

import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns operator-supplied bytes into {@link RgbImage}s, or an {@code INVALID_ARGUMENT} status whose
 * description names the field and says what is wrong (empty, over the limit, not PNG/JPEG, too
 * large, truncated or corrupt).
 *
 * <p>The image size is read from the header and checked before any pixel is decoded, so an
 * oversized image costs no memory. A reader warning (JPEG's "premature end of data", for instance)
 * counts as corruption: a goal image the decoder had to guess at is not a goal image.
 */
public final class ImageDecoder {

  private ImageDecoder() {}

  /**
   * Checks an encoded payload's size before it is copied anywhere.
   *
   * @param sizeBytes the payload size
   * @param field the request field, for the error description
   * @throws StatusRuntimeException {@code INVALID_ARGUMENT} if empty or over {@link
   *     ImageLimits#MAX_ENCODED_BYTES}
   */
  public static void checkEncodedSize(long sizeBytes, String field) {
    if (sizeBytes == 0) {
      throw invalid(field + " is empty: expected a PNG or JPEG file");
    }
    if (sizeBytes > ImageLimits.MAX_ENCODED_BYTES) {
      throw invalid(
          field
              + " is "
              + sizeBytes
              + " bytes; the limit is "
              + ImageLimits.MAX_ENCODED_BYTES
              + " bytes (8 MiB)");
    }
  }

  /**
   * Decodes a complete PNG or JPEG file to 8-bit RGB (grey is expanded, alpha dropped).
   *
   * @param data the file's bytes
   * @param field the request field, for error descriptions
   * @throws StatusRuntimeException {@code INVALID_ARGUMENT} for anything but a sound PNG or JPEG
   *     within the limits
   */
  public static RgbImage decode(byte[] data, String field) {
    checkEncodedSize(data.length, field);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw invalid(field + " is neither a PNG nor a JPEG file (unrecognised signature)");
      }
      ImageReader reader = readers.next();
      try {
        return read(reader, in, field, data);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw invalid(field + " could not be read: " + e.getMessage());
    }
  }

  private static RgbImage read(ImageReader reader, ImageInputStream in, String field, byte[] data) {
    String format = formatOf(reader);
    if (!format.equals("PNG") && !format.equals("JPEG")) {
      throw invalid(field + " is a " + format + " image; only PNG and JPEG are accepted");
    }
    if (format.equals("PNG")) {
      Optional<String> problem = PngChunks.problem(data);
      if (problem.isPresent()) {
        throw invalid(field + " is a " + problem.get());
      }
    }
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    try {
      reader.setInput(in, true, true);
      checkSides(reader.getWidth(0), reader.getHeight(0), field);
      BufferedImage image = reader.read(0);
      if (!warnings.isEmpty()) {
        throw invalid(field + " is a damaged " + format + " file: " + warnings.get(0));
      }
      return toRgb(image);
    } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
      String why =
          e.getCause() != null ? e.getMessage() + " (" + e.getCause() + ")" : e.getMessage();
      throw invalid(field + " is a truncated or corrupt " + format + " file: " + why);
    }
  }

  private static String formatOf(ImageReader reader) {
    try {
      return reader.getFormatName().toUpperCase(Locale.ROOT);
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Wraps raw interleaved RGB pixels after checking the shape.
   *
   * @param widthPx width from the request (unsigned value widened to long)
   * @param heightPx height from the request (unsigned value widened to long)
   * @param rgb the pixel bytes
   * @param field the request field, for error descriptions
   * @throws StatusRuntimeException {@code INVALID_ARGUMENT} for a side out of range or a byte count
   *     other than width × height × 3
   */
  public static RgbImage fromRaw(long widthPx, long heightPx, byte[] rgb, String field) {
    checkSides(widthPx, heightPx, field);
    long expected = widthPx * heightPx * 3;
    if (rgb.length != expected) {
      throw invalid(
          field
              + ".rgb has "
              + rgb.length
              + " bytes; a "
              + widthPx
              + "x"
              + heightPx
              + " RGB image needs exactly "
              + expected);
    }
    return new RgbImage((int) widthPx, (int) heightPx, rgb);
  }

  private static void checkSides(long widthPx, long heightPx, String field) {
    if (widthPx < 1 || heightPx < 1) {
      throw invalid(
          field + " has size " + widthPx + "x" + heightPx + "; each side must be >= 1 px");
    }
    if (widthPx > ImageLimits.MAX_SIDE_PX || heightPx > ImageLimits.MAX_SIDE_PX) {
      throw invalid(
          field
              + " is "
              + widthPx
              + "x"
              + heightPx
              + " px; each side must be at most "
              + ImageLimits.MAX_SIDE_PX
              + " px");
    }
  }

  private static RgbImage toRgb(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] rgb = new byte[width * height * 3];
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      int base = y * width * 3;
      for (int x = 0; x < width; x++) {
        int argb = row[x];
        rgb[base + 3 * x] = (byte) (argb >>> 16);
        rgb[base + 3 * x + 1] = (byte) (argb >>> 8);
        rgb[base + 3 * x + 2] = (byte) argb;
      }
    }
    return new RgbImage(width, height, rgb);
  }

  private static StatusRuntimeException invalid(String description) {
    return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
  }
}
