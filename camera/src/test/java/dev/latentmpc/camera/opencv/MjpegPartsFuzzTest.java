package dev.latentmpc.camera.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latentmpc.camera.CameraUnavailableException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Coverage-guided fuzzing of the MJPEG multipart reader ({@link MjpegHttpSource}) on the bytes an
 * HTTP camera sends, without the HTTP connection. The contract: each read delivers a decoded,
 * non-empty frame, reports the end of the stream, or throws {@link CameraUnavailableException}
 * whose message starts with the source's description; the boundary parser returns a non-empty
 * boundary or null. Any other exception (or a JVM crash in the native decoder) is a finding.
 */
class MjpegPartsFuzzTest {
  private static final String BOUNDARY = "frame";
  private static final String DESCRIPTION = "stream http://camera.test/stream.mjpg";
  private static final int MAX_PARTS = 8;

  /** The input as the body of a {@code multipart/x-mixed-replace; boundary=frame} response. */
  @FuzzTest(maxDuration = "30s")
  void multipartBody(byte[] body) {
    MjpegHttpSource source =
        MjpegHttpSource.overStream(new ByteArrayInputStream(body), BOUNDARY, DESCRIPTION);
    try (Mat frame = new Mat()) {
      for (int part = 0; part < MAX_PARTS; part++) {
        if (!source.read(frame)) {
          return;
        }
        assertThat(frame.empty()).as("frame of part %d", part).isFalse();
        assertThat(frame.channels()).isEqualTo(3);
      }
    } catch (CameraUnavailableException e) {
      assertThat(e.getMessage()).startsWith(DESCRIPTION);
    } finally {
      source.close();
    }
  }

  /** The input as the {@code Content-Type} header of the response. */
  @FuzzTest(maxDuration = "30s")
  void contentType(byte[] header) {
    String boundary = MjpegHttpSource.boundaryOf(new String(header, StandardCharsets.ISO_8859_1));
    if (boundary != null) {
      assertThat(boundary).isNotEmpty();
    }
  }
}
