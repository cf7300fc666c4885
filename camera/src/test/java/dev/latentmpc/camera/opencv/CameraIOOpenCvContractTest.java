package dev.latentmpc.camera.opencv;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraIOContractTest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;

/** {@link CameraIOOpenCv} on a looping MJPEG AVI passes the shared {@code CameraIO} contract. */
class CameraIOOpenCvContractTest extends CameraIOContractTest {
  @TempDir Path dir;

  @Override
  protected CameraIO createCamera() {
    Path avi =
        VideoFiles.writeMjpegAvi(
            dir.resolve("contract.avi"),
            IntStream.range(0, 6).mapToObj(i -> TestImages.gradient(64, 48, i)).toList(),
            25);
    return CameraIOOpenCv.start(
        CameraConfig.builder(new CameraSource.VideoFile(avi, true)).fps(200).build());
  }

  @Override
  protected long nowNanos() {
    return System.nanoTime();
  }

  @Override
  protected long nowUnixNanos() {
    Instant t = InstantSource.system().instant();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
