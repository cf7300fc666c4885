package dev.latentmpc.controller.service.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Checks a PNG file's chunk structure: every chunk complete with a matching CRC, ending with IEND.
 * The JDK's PNG reader checks neither CRCs nor anything after the pixel data, so without this a
 * file with flipped bits or cut off after its image data would decode to a plausible image.
 */
final class PngChunks {

  private static final int SIGNATURE_BYTES = 8;
  private static final int CHUNK_OVERHEAD_BYTES = 12;

  private PngChunks() {}

  /**
   * Returns what is wrong with the chunks of {@code png} (a file with a PNG signature), if any, as
   * a phrase such as "truncated PNG file: ...".
   */
  static Optional<String> problem(byte[] png) {
    int offset = SIGNATURE_BYTES;
    while (offset < png.length) {
      if (png.length - offset < CHUNK_OVERHEAD_BYTES) {
        return Optional.of("truncated PNG file: an incomplete chunk header at byte " + offset);
      }
      long length = readUnsigned(png, offset);
      String type = new String(png, offset + 4, 4, StandardCharsets.ISO_8859_1);
      if (length > png.length - offset - CHUNK_OVERHEAD_BYTES) {
        return Optional.of(
            "truncated PNG file: chunk "
                + type
                + " at byte "
                + offset
                + " declares "
                + length
                + " bytes but only "
                + (png.length - offset - CHUNK_OVERHEAD_BYTES)
                + " follow");
      }
      CRC32 crc = new CRC32();
      crc.update(png, offset + 4, 4 + (int) length);
      long expected = readUnsigned(png, offset + 8 + (int) length);
      if (crc.getValue() != expected) {
        return Optional.of(
            "corrupt PNG file: chunk " + type + " at byte " + offset + " fails its CRC");
      }
      if (type.equals("IEND")) {
        return Optional.empty();
      }
      offset += CHUNK_OVERHEAD_BYTES + (int) length;
    }
    return Optional.of("truncated PNG file: it ends without an IEND chunk");
  }

  private static long readUnsigned(byte[] data, int offset) {
    return ((data[offset] & 0xFFL) << 24)
        | ((data[offset + 1] & 0xFFL) << 16)
        | ((data[offset + 2] & 0xFFL) << 8)
        | (data[offset + 3] & 0xFFL);
  }
}
