package dev.latentmpc.camera.opencv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CameraConfigTest {
  private static final CameraSource DEVICE = new CameraSource.Device(0);

  @Test
  void defaultsTakeTheSourceAsItIs() {
    CameraConfig c = CameraConfig.builder(DEVICE).build();
    assertThat(c.widthPx()).isZero();
    assertThat(c.hasExpectedSize()).isFalse();
    assertThat(c.crop()).isEmpty();
    assertThat(c.rotation()).isEqualTo(Rotation.NONE);
    assertThat(c.reconnectInitialBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.reconnectMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void everyProblemIsListedAtOnce() {
    assertThatThrownBy(() ->
            CameraConfig.builder(DEVICE)
                .size(640, 0)
                .fps(-1)
                .fourcc("MJPEG")
                .reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                .stallTimeout(Duration.ZERO)
                .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width and height must both be 0")
        .hasMessageContaining("fps must be in [0, 1000.0], got -1.0")
        .hasMessageContaining("fourcc must be 4 printable ASCII characters, got 'MJPEG'")
        .hasMessageContaining("reconnectMaxBackoff must be >= reconnectInitialBackoff")
        .hasMessageContaining("stallTimeout must be positive");
  }

  @Test
  void cropMustFitTheExpectedSize() {
    assertThatThrownBy(() ->
            CameraConfig.builder(DEVICE).size(640, 480).crop(new Crop(400, 0, 300, 480)).build())
        .hasMessageContaining("crop 400,0,300,480 does not fit the 640x480 frame");
    assertThat(CameraConfig.builder(DEVICE).size(640, 480).crop(new Crop(80, 0, 480, 480)).build())
        .isNotNull();
  }

  @Test
  void cropAndRotationParse() {
    assertThat(Crop.parse(" 1, 2,30 ,40")).isEqualTo(new Crop(1, 2, 30, 40));
    assertThat(Crop.parse("1,2,30,40").toString()).isEqualTo("1,2,30,40");
    assertThatThrownBy(() -> Crop.parse("1,2,3")).hasMessageContaining("x,y,width,height");
    assertThatThrownBy(() -> Crop.parse("1,2,0,4")).hasMessageContaining("positive size");
    assertThat(Rotation.ofDegrees(270)).isEqualTo(Rotation.CW_270);
    assertThat(Rotation.CW_90.swapsSides()).isTrue();
    assertThatThrownBy(() -> Rotation.ofDegrees(45)).hasMessageContaining("0, 90, 180 or 270");
  }

  @Test
  void sourcesParseFromOneString() {
    assertThat(CameraSource.parse("2", false)).isEqualTo(new CameraSource.Device(2));
    assertThat(CameraSource.parse("/dev/v4l/by-id/usb-cam", false))
        .isEqualTo(new CameraSource.DevicePath(Path.of("/dev/v4l/by-id/usb-cam")));
    assertThat(CameraSource.parse("http://cam.lab:8080/stream.mjpg", false))
        .isEqualTo(new CameraSource.Stream(URI.create("http://cam.lab:8080/stream.mjpg")));
    assertThat(CameraSource.parse("/data/goal.PNG", true))
        .isEqualTo(new CameraSource.StillImage(Path.of("/data/goal.PNG")));
    assertThat(CameraSource.parse("runs/episode.avi", true))
        .isEqualTo(new CameraSource.VideoFile(Path.of("runs/episode.avi"), true));
    CameraSource pattern = CameraSource.parse("runs/frame_%03d.png", false);
    assertThat(pattern).isInstanceOf(CameraSource.VideoFile.class);
    assertThat(((CameraSource.VideoFile) pattern).isPattern()).isTrue();
    assertThatThrownBy(() -> CameraSource.parse("  ", false)).hasMessageContaining("blank");
    assertThatThrownBy(() -> CameraSource.parse("300", false)).hasMessageContaining("[0, 255]");
  }

  @Test
  void sourceDescriptionsLeaveCredentialsOutAndKindsStayLowCardinality() {
    CameraSource s = CameraSource.parse("rtsp://admin:secret@10.0.0.7:554/live?token=abc", false);
    assertThat(s.describe()).isEqualTo("stream rtsp://10.0.0.7:554/live").doesNotContain("secret");
    assertThat(s.kind()).isEqualTo("stream");
    assertThat(((CameraSource.Stream) s).isHttp()).isFalse();
    assertThat(new CameraSource.Device(0).kind()).isEqualTo("device");
    assertThat(new CameraSource.VideoFile(Path.of("a.avi"), false).kind()).isEqualTo("file");
    assertThat(new CameraSource.StillImage(Path.of("a.png")).kind()).isEqualTo("image");
  }

  @Test
  void pacingUsesTheConfiguredRateElseTheFilesElseThirty() {
    CameraSource file = new CameraSource.VideoFile(Path.of("a.avi"), false);
    assertThat(CameraConfig.builder(file).fps(12).build().pacingFps(25)).isEqualTo(12);
    assertThat(CameraConfig.builder(file).build().pacingFps(25)).isEqualTo(25);
    assertThat(CameraConfig.builder(file).build().pacingFps(0)).isEqualTo(30);
  }

  @Test
  void backoffDoublesUpToTheCapAndResets() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(700));
    assertThat(b.nextNanos()).isEqualTo(100_000_000L);
    assertThat(b.nextNanos()).isEqualTo(200_000_000L);
    assertThat(b.nextNanos()).isEqualTo(400_000_000L);
    assertThat(b.nextNanos()).isEqualTo(700_000_000L);
    assertThat(b.nextNanos()).isEqualTo(700_000_000L);
    b.reset();
    assertThat(b.nextNanos()).isEqualTo(100_000_000L);
  }
}
