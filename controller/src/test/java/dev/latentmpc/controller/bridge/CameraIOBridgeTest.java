package dev.latentmpc.controller.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.proto.bridge.v1.FrameEncoding;
import dev.latentmpc.proto.bridge.v1.GetFrameResponse;
import io.grpc.Status;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CameraIOBridge} against a scripted in-process bridge: decoding, clocks and failures. */
class CameraIOBridgeTest {
  private static final long RECEIVED_NANOS = 10_000_000L;

  private InProcessBridge bridge;
  private FakeRobotBridge fake;
  private CameraIOBridge camera;

  @BeforeEach
  void start() throws Exception {
    bridge = new InProcessBridge();
    fake = bridge.fake;
    camera = new CameraIOBridge(bridge.channel(), () -> RECEIVED_NANOS);
  }

  @AfterEach
  void stop() throws Exception {
    camera.close();
    bridge.close();
  }

  @Test
  void aRawFrameBecomesACameraFrameOnTheClientsClock() throws Exception {
    CameraFrame frame = camera.latest();
    assertThat(fake.frameRequests.get(0).getEncoding())
        .isEqualTo(FrameEncoding.FRAME_ENCODING_RGB8);
    assertThat(frame.image().width()).isEqualTo(4);
    assertThat(frame.image().height()).isEqualTo(2);
    assertThat(frame.image().value(1, 1, 2)).isEqualTo((4 + 1) * 3 + 2);
    assertThat(frame.sequence()).isEqualTo(7);
    assertThat(frame.captureTimeNanos()).isEqualTo(RECEIVED_NANOS - 3_000_000L);
    assertThat(frame.captureTimeUnixNanos()).isEqualTo(1_700_000_000_123_000_000L);
  }

  @Test
  void anUnspecifiedEncodingIsReadAsRgb8() throws Exception {
    answerWith(f -> f.setEncoding(FrameEncoding.FRAME_ENCODING_UNSPECIFIED));
    assertThat(camera.latest().image().width()).isEqualTo(4);
  }

  @Test
  void malformedFramesAreUnavailableNamingTheProblem() {
    assertMalformed(f -> f.setData(ByteString.copyFrom(new byte[23])), "needs 24 bytes");
    assertMalformed(f -> f.setWidthPx(0).setData(ByteString.EMPTY), "zero size 0x2");
    assertMalformed(f -> f.setHeightPx(0), "zero size 4x0");
    assertMalformed(f -> f.setWidthPx(-1), "4294967295x2 px beyond");
    assertMalformed(f -> f.setEncoding(FrameEncoding.FRAME_ENCODING_PNG), "FRAME_ENCODING_PNG");
    assertMalformed(f -> f.setSequence(-1), "negative sequence");
    assertMalformed(f -> f.setAgeNanos(-5), "negative age_nanos");
    fake.frameResponse = GetFrameResponse.getDefaultInstance();
    assertThatThrownBy(() -> camera.latest())
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining("no frame");
  }

  @Test
  void anUnavailableCameraIsCameraUnavailableNamingTheBridge() {
    fake.frameOutcome = Status.UNAVAILABLE.withDescription("simulated camera is closed");
    assertThatThrownBy(() -> camera.latest())
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining(InProcessBridge.ADDRESS)
        .hasMessageContaining("UNAVAILABLE: simulated camera is closed");
  }

  @Test
  void anUnansweredFrameRequestFailsAtItsDeadline() {
    fake.frameOutcome = FakeRobotBridge.HANG;
    assertThatThrownBy(() -> camera.latest())
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining("DEADLINE_EXCEEDED");
  }

  @Test
  void aGoneServerOrAClosedClientIsCameraUnavailable() throws Exception {
    bridge.stopServer();
    assertThatThrownBy(() -> camera.latest())
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining("UNAVAILABLE");
    camera.close();
    assertThatThrownBy(() -> camera.latest())
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining("closed");
  }

  private void answerWith(UnaryOperator<dev.latentmpc.proto.bridge.v1.CameraFrame.Builder> edit) {
    fake.frameResponse =
        GetFrameResponse.newBuilder()
            .setFrame(edit.apply(FakeRobotBridge.frame(4, 2, 24).toBuilder()))
            .build();
  }

  private void assertMalformed(
      UnaryOperator<dev.latentmpc.proto.bridge.v1.CameraFrame.Builder> edit, String text) {
    answerWith(edit);
    assertThatThrownBy(() -> camera.latest())
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining("malformed frame")
        .hasMessageContaining(text);
  }
}
