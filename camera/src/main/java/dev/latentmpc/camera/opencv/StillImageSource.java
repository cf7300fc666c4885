package dev.latentmpc.camera.opencv;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import dev.latentmpc.camera.CameraUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A still image as a camera: decoded once (OpenCV's {@code imread}, so PNG, JPEG and BMP) when the
 * source opens, then copied out as every frame. A changed file is picked up on the next reconnect.
 */
final class StillImageSource implements FrameSource {
  private final Mat image;
  private boolean closed;

  private StillImageSource(Mat image) {
    this.image = image;
  }

  /**
   * Reads and decodes the image.
   *
   * @throws CameraUnavailableException when the file is absent or cannot be decoded
   */
  static StillImageSource open(CameraSource.StillImage source) throws CameraUnavailableException {
    Path path = source.path();
    if (!Files.isRegularFile(path)) {
      throw new CameraUnavailableException(source.describe() + " is absent: no such file " + path);
    }
    Mat image = imread(path.toString(), IMREAD_COLOR);
    if (image.empty()) {
      image.close();
      throw new CameraUnavailableException(
          source.describe() + " could not be decoded (not a PNG, JPEG or BMP image?)");
    }
    return new StillImageSource(image);
  }

  @Override
  public boolean read(Mat out) {
    image.copyTo(out);
    return true;
  }

  @Override
  public double sourceFps() {
    return 0;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      image.close();
    }
  }
}
