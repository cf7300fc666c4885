package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.camera.opencv.CameraIOOpenCv;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.simharness.render.CameraIOSim;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root picks the camera {@code camera.source} names. */
class RobotIoFactoryCameraTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void theSimCameraServesTheSimByDefault() throws Exception {
    ServeConfig config = ConfigLoader.defaultsWith(HOME);
    try (RobotIo io = RobotIoFactory.open(config.robot(), System::nanoTime)) {
      assertThat(io.camera()).isInstanceOf(CameraIOSim.class);
    }
  }

  @Test
  void opencvReplacesTheArmsCameraAndRegistersItsMeters() throws Exception {
    BufferedImage green = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 32; x++) {
        green.setRGB(x, y, 0x00C000);
      }
    }
    Path png = dir.resolve("scene.png");
    ImageIO.write(green, "png", png.toFile());
    ServeConfig config =
        ConfigLoader.defaultsWith(
            HOME,
            Setting.assignment("camera.source=opencv"),
            Setting.assignment("camera.opencv.source=" + png),
            Setting.assignment("camera.opencv.width=32"),
            Setting.assignment("camera.opencv.height=24"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RobotIo io = RobotIoFactory.open(config.robot(), System::nanoTime, registry)) {
      assertThat(io.camera()).isInstanceOf(CameraIOOpenCv.class);
      assertThat(io.description()).contains("OpenCV camera still image " + png);
      CameraFrame frame = firstFrame(io);
      assertThat(frame.image().value(3, 3, 1)).isEqualTo(0xC0);
      assertThat(frame.image().value(3, 3, 0)).isZero();
      assertThat(registry.find("latentmpc.camera.reconnects").tag("source", "image").counter())
          .isNotNull();
    }
  }

  private static CameraFrame firstFrame(RobotIo io) throws CameraUnavailableException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        return io.camera().latest();
      } catch (CameraUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        LockSupport.parkNanos(1_000_000);
      }
    }
  }
}
