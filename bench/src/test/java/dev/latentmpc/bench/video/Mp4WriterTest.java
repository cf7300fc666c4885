package dev.latentmpc.bench.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4WriterTest {
  @TempDir Path dir;

  @Test
  void writesAnH264Mp4ThatFfmpegDecodesFrameForFrame() throws IOException {
    Path file = dir.resolve("frames.mp4");
    int w = 64;
    int h = 48;
    String codec;
    try (Mp4Writer writer = Mp4Writer.open(file, w, h, 4)) {
      for (int i = 0; i < 9; i++) {
        byte[] frame = new byte[w * h * 3 / 2];
        Arrays.fill(frame, 0, w * h, (byte) (40 + 20 * i)); // luma ramps frame to frame
        Arrays.fill(frame, w * h, frame.length, (byte) 128); // grey chroma
        writer.write(frame);
      }
      codec = writer.codecName();
      assertThat(writer.frames()).isEqualTo(9);
    }

    Mp4Probe probe = Mp4Probe.read(file);

    assertThat(codec).isEqualTo("libopenh264");
    assertThat(probe.container()).contains("mp4");
    assertThat(probe.codec()).isEqualTo("h264");
    assertThat(probe.width()).isEqualTo(w);
    assertThat(probe.height()).isEqualTo(h);
    assertThat(probe.decodedFrames()).isEqualTo(9);
    assertThat((double) probe.firstY()).isCloseTo(40, within(6.0));
    byte[] head = Files.readAllBytes(file);
    assertThat(new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("ftyp");
  }

  @Test
  void refusesAFrameOfTheWrongSizeAndOddDimensions() {
    assertThatThrownBy(() -> Mp4Writer.open(dir.resolve("odd.mp4"), 65, 48, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("even");
    try (Mp4Writer writer = Mp4Writer.open(dir.resolve("small.mp4"), 32, 32, 4)) {
      assertThatThrownBy(() -> writer.write(new byte[10]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1536 bytes");
    }
  }

  @Test
  void episodeVideoPutsCameraAndGoalSideBySideWithACaption() throws IOException {
    Path file = dir.resolve("episode.mp4");
    byte[] camera = png(Color.BLACK, 128, 128);
    byte[] goal = png(Color.WHITE, 64, 64);
    try (EpisodeVideo video = EpisodeVideo.create(file, 2, 2)) {
      for (int i = 0; i < 3; i++) {
        video.add(camera, goal, List.of("step " + i, "to goal 0.100 m"));
      }
      assertThat(video.frames()).isEqualTo(3);
    }

    Mp4Probe probe = Mp4Probe.read(file);

    assertThat(probe.width()).isEqualTo(256);
    assertThat(probe.height()).as("panel plus two caption lines").isEqualTo(128 + 52);
    assertThat(probe.decodedFrames()).isEqualTo(3);
    assertThat(probe.firstY()).as("the camera panel is black").isLessThan(40);
  }

  @Test
  void anUndecodableImageIsAVideoException() {
    try (EpisodeVideo video = EpisodeVideo.create(dir.resolve("bad.mp4"), 2, 1)) {
      assertThatThrownBy(() -> video.add(new byte[] {1, 2, 3}, new byte[] {4}, List.of("x")))
          .isInstanceOf(VideoException.class)
          .hasMessageContaining("camera frame");
    }
  }

  private static byte[] png(Color color, int w, int h) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, w, h);
    g.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }
}
