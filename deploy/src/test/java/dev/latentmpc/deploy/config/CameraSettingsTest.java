package dev.latentmpc.deploy.config;

import static dev.latentmpc.deploy.config.ConfigFixtures.HOME;
import static dev.latentmpc.deploy.config.ConfigFixtures.refusalsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.camera.opencv.CameraConfig;
import dev.latentmpc.camera.opencv.CameraSource;
import dev.latentmpc.camera.opencv.Crop;
import dev.latentmpc.camera.opencv.Rotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code camera} section: defaults, OpenCV settings, validation with the other errors. */
class CameraSettingsTest {
  @TempDir Path dir;

  private static ServeConfig with(String... assignments) throws ConfigException {
    return ConfigFixtures.defaultsWith(assignments);
  }

  @Test
  void theCameraFollowsTheArmByDefault() throws Exception {
    assertThat(with().robot().camera().source()).isEqualTo(CameraBackend.SIM);
    assertThat(with("robot.source=bridge").robot().camera().source())
        .isEqualTo(CameraBackend.BRIDGE);
    CameraConfig opencv = with().robot().camera().opencv();
    assertThat(opencv).isEqualTo(CameraConfig.builder(new CameraSource.Device(0)).build());
  }

  @Test
  void opencvSettingsAreReadIntoACameraConfig() throws Exception {
    ServeConfig c =
        with(
            "robot.source=bridge",
            "camera.source=opencv",
            "camera.opencv.source=/dev/v4l/by-id/usb-cam",
            "camera.opencv.width=640",
            "camera.opencv.height=480",
            "camera.opencv.fps=30",
            "camera.opencv.fourcc=MJPG",
            "camera.opencv.crop=80,0,480,480",
            "camera.opencv.rotationDegrees=180",
            "camera.opencv.reconnectInitialMs=100",
            "camera.opencv.reconnectMaxMs=2000",
            "camera.opencv.stallTimeoutMs=500");
    CameraSettings camera = c.robot().camera();
    assertThat(camera.source()).isEqualTo(CameraBackend.OPENCV);
    CameraConfig o = camera.opencv();
    assertThat(o.source())
        .isEqualTo(new CameraSource.DevicePath(Path.of("/dev/v4l/by-id/usb-cam")));
    assertThat(new int[] {o.widthPx(), o.heightPx()}).containsExactly(640, 480);
    assertThat(o.fps()).isEqualTo(30);
    assertThat(o.fourcc()).contains("MJPG");
    assertThat(o.crop()).contains(new Crop(80, 0, 480, 480));
    assertThat(o.rotation()).isEqualTo(Rotation.CW_180);
    assertThat(o.reconnectInitialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(o.reconnectMaxBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.stallTimeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aRelativeVideoFileResolvesAgainstTheConfigFile() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("serve.yaml"),
            "camera:\n  source: opencv\n  opencv:\n    source: clips/run.avi\n    loop: true\n");
    ServeConfig c = ConfigLoader.load(Optional.of(file), List.of(), HOME);
    assertThat(c.robot().camera().opencv().source())
        .isEqualTo(new CameraSource.VideoFile(dir.resolve("clips/run.avi"), true));
  }

  @Test
  void cameraProblemsAreListedWithTheOthers() {
    List<String> errors =
        refusalsOf(
            "api.port=70000",
            "camera.source=sim",
            "robot.source=bridge",
            "camera.opencv.width=640",
            "camera.opencv.crop=1,2,3",
            "camera.opencv.rotationDegrees=45",
            "camera.opencv.fourcc=H264X",
            "camera.opencv.fps=5000",
            "camera.opencv.colour=yes");
    assertThat(errors)
        .anySatisfy(m -> assertThat(m).startsWith("api.port = '70000'"))
        .anySatisfy(
            m -> assertThat(m).startsWith("camera.source = 'sim'").contains("robot.source sim"))
        .anySatisfy(m -> assertThat(m).startsWith("camera.opencv.crop = '1,2,3'"))
        .anySatisfy(
            m -> assertThat(m).startsWith("camera.opencv.rotationDegrees = '45'").contains("270"))
        .anySatisfy(m -> assertThat(m).startsWith("camera.opencv.fps = '5000'"))
        .anySatisfy(m ->
            assertThat(m)
                .startsWith("camera.opencv:")
                .contains("width and height must both be 0")
                .contains("fourcc must be 4 printable ASCII characters"))
        .anySatisfy(m -> assertThat(m).startsWith("unknown key 'camera.opencv.colour'"));
  }

  @Test
  void theEffectiveConfigShowsTheCameraAndMasksStreamCredentials() throws Exception {
    ServeConfig c =
        with(
            "camera.source=opencv",
            "camera.opencv.source=http://lab:pw@cam7.lab/stream.mjpg",
            "camera.opencv.crop=0,0,64,64");
    Map<String, Object> v = EffectiveConfig.of(c);
    assertThat(v)
        .containsEntry("camera.source", "opencv")
        .containsEntry("camera.opencv.source", "http://***@cam7.lab/stream.mjpg")
        .containsEntry("camera.opencv.fourcc", "auto")
        .containsEntry("camera.opencv.crop", "0,0,64,64")
        .containsEntry("camera.opencv.rotationDegrees", 0);
    assertThat(v.keySet()).containsAll(ConfigKeys.ALL);
    assertThat(EffectiveConfig.yaml(with()))
        .contains("camera:", "  source: \"sim\"", "  opencv:", "    crop: \"none\"");
  }
}
