package dev.latentmpc.camera.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the camera source string ({@code camera.source} in the service
 * configuration). The contract: {@link CameraSource#parse} returns a source whose {@code kind},
 * {@code describe} and {@code paced} answer without throwing, and whose description never shows a
 * URL's credentials; or it throws {@link IllegalArgumentException} with a message. Any other
 * exception is a finding. The committed inputs under {@code CameraSourceFuzzTestInputs/} are one
 * example of each form.
 */
class CameraSourceFuzzTest {

  /** The input's UTF-8 text as a source string, looping or not (the first byte's low bit). */
  @FuzzTest(maxDuration = "30s")
  void sourceString(byte[] data) {
    boolean loop = data.length > 0 && (data[0] & 1) == 1;
    String text = new String(data, StandardCharsets.UTF_8);
    CameraSource source;
    try {
      source = CameraSource.parse(text, loop);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).as("message of %s", e).isNotBlank();
      return;
    }
    assertThat(source.kind()).isIn("device", "stream", "file", "image");
    String description = source.describe();
    assertThat(description).isNotBlank();
    source.paced();
    if (source instanceof CameraSource.Stream stream) {
      stream.isHttp();
      // No user info before the host: the part before the path holds no '@' (the path is the
      // operator's own text and may hold anything, the user info repeated included).
      String path = stream.uri().getRawPath();
      String beforePath =
          path != null && description.endsWith(path)
              ? description.substring(0, description.length() - path.length())
              : description;
      assertThat(beforePath).as("description of %s", stream.uri()).doesNotContain("@");
    }
  }
}
