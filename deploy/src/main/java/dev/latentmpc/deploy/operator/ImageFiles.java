package dev.latentmpc.deploy.operator;

import com.google.protobuf.ByteString;
import dev.latentmpc.proto.control.v1.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads image files (PNG or JPEG) for the operator API, which decodes them itself. */
final class ImageFiles {
  /** Largest encoded image the operator API accepts, bytes (8 MiB). */
  static final long MAX_ENCODED_BYTES = 8L * 1024 * 1024;

  private ImageFiles() {}

  /**
   * Reads {@code file} as an encoded {@link Image}.
   *
   * @param option the option or parameter that named it, for messages
   * @throws UsageException when the file is missing, empty, too large or unreadable
   */
  static Image read(String option, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException(option + " " + file + " does not exist; pass a PNG or JPEG file");
    }
    try {
      long size = Files.size(file);
      if (size == 0 || size > MAX_ENCODED_BYTES) {
        throw new UsageException(
            option
                + " "
                + file
                + " has "
                + size
                + " bytes; an image must have 1 byte to 8 MiB (re-encode or downscale it)");
      }
      return Image.newBuilder().setEncoded(ByteString.copyFrom(Files.readAllBytes(file))).build();
    } catch (IOException e) {
      throw new UsageException("cannot read " + option + " " + file + ": " + e.getMessage());
    }
  }
}
