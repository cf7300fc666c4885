package dev.latentmpc.simharness.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes NumPy {@code .npy} files (format version 1.0, little-endian, C order) so that Python reads
 * them with {@code numpy.load} and nothing else.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, version bytes 1 and 0, a little-endian uint16 header
 * length, then an ASCII Python dict {@code {'descr': ..., 'fortran_order': False, 'shape': (...),
 * }} padded with spaces and ended by a newline so that the data starts at a multiple of 64 bytes,
 * then the raw array data.
 */
public final class NpyWriter {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGNMENT = 64;

  private NpyWriter() {}

  /**
   * Writes a uint8 array whose data is the concatenation of {@code chunks}, in order.
   *
   * @param file the file to create or replace
   * @param shape the array shape, C order
   * @param chunks the data (for frames: one chunk per frame)
   * @throws IOException when the file cannot be written
   */
  public static void writeUint8(Path file, int[] shape, List<byte[]> chunks) throws IOException {
    long total = chunks.stream().mapToLong(c -> c.length).sum();
    checkSize(shape, total);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header("|u1", shape));
      for (byte[] chunk : chunks) {
        out.write(chunk);
      }
    }
  }

  /**
   * Writes a float32 array.
   *
   * @param file the file to create or replace
   * @param shape the array shape, C order
   * @param data the values in C order
   * @throws IOException when the file cannot be written
   */
  public static void writeFloat32(Path file, int[] shape, float[] data) throws IOException {
    checkSize(shape, data.length);
    ByteBuffer bytes =
        ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(data);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header("<f4", shape));
      out.write(bytes.array());
    }
  }

  /**
   * The complete header (magic, version, length, dict, padding) for an array.
   *
   * @param descr NumPy type string, e.g. {@code "|u1"} or {@code "<f4"}
   * @param shape the array shape
   * @return header bytes, a multiple of 64 long
   */
  static byte[] header(String descr, int[] shape) {
    String dict =
        "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple(shape) + ", }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    String text = dict + " ".repeat(padding) + "\n";
    ByteBuffer header =
        ByteBuffer.allocate(MAGIC.length + 2 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
    return header.array();
  }

  private static String tuple(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringJoiner joiner = new StringJoiner(", ", "(", ")");
    for (int d : shape) {
      joiner.add(Integer.toString(d));
    }
    return joiner.toString();
  }

  private static void checkSize(int[] shape, long elements) {
    long expected = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + tuple(shape));
      }
      expected *= d;
    }
    if (expected != elements) {
      throw new IllegalArgumentException(
          "shape " + tuple(shape) + " holds " + expected + " elements, got " + elements);
    }
  }
}
