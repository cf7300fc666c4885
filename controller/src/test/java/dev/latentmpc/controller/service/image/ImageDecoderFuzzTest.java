package dev.latentmpc.controller.service.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Coverage-guided fuzzing of the goal-image decoder (the bytes of {@code Image.encoded} and {@code
 * Image.raw} as an operator sends them). The contract: a sound PNG or JPEG within the limits
 * decodes to an image of the size its header declares; anything else is an {@code INVALID_ARGUMENT}
 * whose description names the field. Any other exception is a finding.
 *
 * <p>Regression mode (every {@code mvn verify}) replays the committed inputs under {@code
 * ImageDecoderFuzzTestInputs/<method>/} in the test resources; {@code JAZZER_FUZZ=1} fuzzes one
 * target (deploy/README.md, "Fuzzing").
 */
class ImageDecoderFuzzTest {

  private static final String FIELD = "goal.image.encoded";
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Arbitrary bytes as an encoded goal image (the seeds are small PNG and JPEG files). */
  @FuzzTest(maxDuration = "30s")
  void encodedFile(byte[] data) {
    assertDecodesWithinLimitsOrIsRefused(data);
  }

  /**
   * Arbitrary bytes behind a PNG signature, with every complete chunk's CRC recomputed before
   * decoding: {@link PngChunks} rejects a wrong CRC first, so without this the fuzzer would hardly
   * ever get a mutated header or image-data chunk through to the PNG reader.
   */
  @FuzzTest(maxDuration = "30s")
  void pngWithValidCrcs(byte[] data) {
    assertDecodesWithinLimitsOrIsRefused(withValidCrcs(data));
  }

  /** A raw RGB image whose declared size and byte count come from the fuzzer. */
  @FuzzTest(maxDuration = "30s")
  void rawRgb(FuzzedDataProvider data) {
    long widthPx = Integer.toUnsignedLong(data.consumeInt());
    long heightPx = Integer.toUnsignedLong(data.consumeInt());
    byte[] rgb = data.consumeRemainingAsBytes();
    RgbImage image;
    try {
      image = ImageDecoder.fromRaw(widthPx, heightPx, rgb, "frame.raw");
    } catch (StatusRuntimeException e) {
      assertInvalidArgumentNaming(e, "frame.raw");
      return;
    }
    assertThat((long) image.width()).isEqualTo(widthPx);
    assertThat((long) image.height()).isEqualTo(heightPx);
    assertThat(image.rgb()).isSameAs(rgb);
  }

  /** {@code encoded} decodes to an image within the side limits, or is refused naming the field. */
  private static void assertDecodesWithinLimitsOrIsRefused(byte[] encoded) {
    RgbImage image;
    try {
      image = ImageDecoder.decode(encoded, FIELD);
    } catch (StatusRuntimeException e) {
      assertInvalidArgumentNaming(e, FIELD);
      return;
    }
    assertThat(image.width()).isBetween(1, ImageLimits.MAX_SIDE_PX);
    assertThat(image.height()).isBetween(1, ImageLimits.MAX_SIDE_PX);
  }

  /** Returns the PNG signature followed by {@code chunks}, each complete chunk's CRC fixed. */
  private static byte[] withValidCrcs(byte[] chunks) {
    byte[] png = new byte[PNG_SIGNATURE.length + chunks.length];
    System.arraycopy(PNG_SIGNATURE, 0, png, 0, PNG_SIGNATURE.length);
    System.arraycopy(chunks, 0, png, PNG_SIGNATURE.length, chunks.length);
    ByteBuffer buffer = ByteBuffer.wrap(png);
    int offset = PNG_SIGNATURE.length;
    while (png.length - offset >= 12) {
      long length = Integer.toUnsignedLong(buffer.getInt(offset));
      if (length > png.length - offset - 12) {
        break;
      }
      CRC32 crc = new CRC32();
      crc.update(png, offset + 4, 4 + (int) length);
      buffer.putInt(offset + 8 + (int) length, (int) crc.getValue());
      offset += 12 + (int) length;
    }
    return png;
  }

  static void assertInvalidArgumentNaming(StatusRuntimeException e, String field) {
    assertThat(e.getStatus().getCode())
        .as("status of %s", e)
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).as("description").startsWith(field);
  }
}
