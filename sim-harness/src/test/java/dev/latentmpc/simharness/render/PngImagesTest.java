package dev.latentmpc.simharness.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngImagesTest {
  @TempDir Path dir;

  @Test
  void pngRoundTripsEveryPixel() throws IOException {
    byte[] rgb = new byte[3 * 7 * 5];
    new SplittableRandom(3).nextBytes(rgb);
    RgbImage image = new RgbImage(7, 5, rgb);
    Path file = dir.resolve("x.png");

    PngImages.write(image, file);
    BufferedImage back = ImageIO.read(file.toFile());
    BufferedImage fromBytes = ImageIO.read(new ByteArrayInputStream(PngImages.encode(image)));

    assertThat(Files.readAllBytes(file))
        .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    for (BufferedImage b : new BufferedImage[] {back, fromBytes}) {
      assertThat(b.getWidth()).isEqualTo(7);
      assertThat(b.getHeight()).isEqualTo(5);
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 7; x++) {
          int expected =
              image.value(x, y, 0) << 16 | image.value(x, y, 1) << 8 | image.value(x, y, 2);
          assertThat(b.getRGB(x, y) & 0xFFFFFF).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void missingDirectoryIsNamed() {
    Path file = dir.resolve("nowhere").resolve("x.png");
    RgbImage image = new RgbImage(1, 1, new byte[3]);
    assertThatThrownBy(() -> PngImages.write(image, file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nowhere");
  }
}
