package dev.latentmpc.simharness.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.controller.bridge.CameraIOBridge;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CameraIOBridge} against the sim bridge server over a real TCP socket. Server and client
 * run in one process on {@link System#nanoTime()}, so capture times can be checked against the
 * moments around each call.
 */
class CameraIOBridgeIntegrationTest {
  private BridgeFixture bridge;
  private CameraIOBridge camera;

  @BeforeEach
  void start() throws Exception {
    bridge = new BridgeFixture();
    camera = CameraIOBridge.connect(bridge.config(), System::nanoTime);
  }

  @AfterEach
  void stop() {
    camera.close();
    bridge.close();
  }

  @Test
  void framesHaveTheCameraSizeIncreasingSequencesAndSaneCaptureTimes() throws Exception {
    long previousSequence = -1;
    long previousCaptureNanos = Long.MIN_VALUE;
    for (int i = 0; i < 3; i++) {
      long beforeNanos = System.nanoTime();
      CameraFrame frame = camera.latest();
      long afterNanos = System.nanoTime();
      assertThat(frame.image().width()).isEqualTo(BridgeFixture.SIZE_PX);
      assertThat(frame.image().height()).isEqualTo(BridgeFixture.SIZE_PX);
      assertThat(frame.image().rgb()).hasSize(BridgeFixture.SIZE_PX * BridgeFixture.SIZE_PX * 3);
      assertThat(frame.sequence()).isGreaterThan(previousSequence);
      // Captured during the call; the response's transit makes it look newer, never older.
      assertThat(frame.captureTimeNanos())
          .isBetween(beforeNanos, afterNanos)
          .isGreaterThanOrEqualTo(previousCaptureNanos);
      assertThat(frame.captureTimeUnixNanos()).isEqualTo(BridgeFixture.WALL_NANOS);
      previousSequence = frame.sequence();
      previousCaptureNanos = frame.captureTimeNanos();
    }
  }

  @Test
  void pixelsArriveAsTheSimulatedCameraRenderedThem() throws Exception {
    byte[] expected =
        new Renderer(CameraSpec.DEFAULT.withSize(BridgeFixture.SIZE_PX, BridgeFixture.SIZE_PX))
            .render(bridge.world.shapes())
            .rgb();
    assertThat(camera.latest().image().rgb()).isEqualTo(expected);
  }

  @Test
  void aClosedCameraBehindTheBridgeIsUnavailable() {
    bridge.camera.close();
    assertThatThrownBy(() -> camera.latest())
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining("GetFrame to the robot bridge at " + bridge.config().address())
        .hasMessageContaining("simulated camera is closed");
  }

  @Test
  void aDownBridgeIsUnavailableWithinTheDeadlineAndARestartedOneWorksAgain() throws Exception {
    long sequence = camera.latest().sequence();
    bridge.stopServer();
    long startNanos = System.nanoTime();
    assertThatThrownBy(() -> camera.latest())
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining(bridge.config().address())
        .hasMessageContaining("UNAVAILABLE");
    assertThat(Duration.ofNanos(System.nanoTime() - startNanos))
        .isLessThan(bridge.config().callDeadline());

    bridge.restart();
    CameraFrame frame = camera.latest();
    assertThat(frame.sequence()).isGreaterThan(sequence);
    assertThat(frame.image().width()).isEqualTo(BridgeFixture.SIZE_PX);
  }

  @Test
  void aClosedClientIsUnavailable() {
    camera.close();
    assertThatThrownBy(() -> camera.latest())
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining("closed");
  }
}
