package dev.latentmpc.camera.opencv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.camera.CameraUnavailableException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The MJPEG part reader on bytes, without HTTP: parts the decoder cannot take. */
class MjpegPartsTest {
  private static final String DESCRIPTION = "stream http://camera.test/stream.mjpg";

  /**
   * Found by {@link MjpegPartsFuzzTest}: an empty part reached OpenCV's {@code imdecode}, whose
   * assertion escaped as a RuntimeException instead of the source's CameraUnavailableException.
   */
  @Test
  void anEmptyPartIsReportedAsNotAJpeg() {
    assertNotAJpeg("--frame\r\nContent-Length: 0\r\n\r\n\r\n--frame--\r\n", 0);
    assertNotAJpeg("--frame\r\n\r\n\r\n--frame\r\n", 0);
  }

  @Test
  void aPartOfOtherBytesIsReportedAsNotAJpeg() {
    assertNotAJpeg("--frame\r\nContent-Length: 4\r\n\r\nabcd\r\n--frame--\r\n", 4);
  }

  private static void assertNotAJpeg(String body, int partBytes) {
    MjpegHttpSource source =
        MjpegHttpSource.overStream(
            new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)),
            "frame",
            DESCRIPTION);
    try (Mat frame = new Mat()) {
      assertThatThrownBy(() -> source.read(frame))
          .isInstanceOf(CameraUnavailableException.class)
          .hasMessageStartingWith(
              DESCRIPTION + ": a part of " + partBytes + " bytes is not a decodable JPEG");
      assertThat(frame.empty()).isTrue();
    } finally {
      source.close();
    }
  }
}
