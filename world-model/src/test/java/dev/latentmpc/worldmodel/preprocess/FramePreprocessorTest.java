package dev.latentmpc.worldmodel.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.worldmodel.ModelSpec.InputSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class FramePreprocessorTest {
  private static final Logger log = LoggerFactory.getLogger(FramePreprocessorTest.class);
  private static final String LAYOUT = "batch,channel,time,height,width";

  /** Identity normalisation (scale 1, mean 0, std 1), so outputs are the interpolated values. */
  private static FramePreprocessor raw(int crop, int shortSide, int tubelet) {
    return new FramePreprocessor(
        new InputSpec(
            crop,
            3,
            tubelet,
            shortSide,
            "center",
            "bilinear",
            1.0,
            List.of(0.0, 0.0, 0.0),
            List.of(1.0, 1.0, 1.0),
            LAYOUT));
  }

  private static FramePreprocessor imagenet(int crop, int shortSide, int tubelet) {
    return new FramePreprocessor(
        new InputSpec(
            crop,
            3,
            tubelet,
            shortSide,
            "center",
            "bilinear",
            1 / 255.0,
            List.of(0.485, 0.456, 0.406),
            List.of(0.229, 0.224, 0.225),
            LAYOUT));
  }

  /** Builds an image whose red channel is {@code red[y][x]}, green 0 and blue 255. */
  private static RgbImage redImage(int[][] red) {
    int h = red.length;
    int w = red[0].length;
    byte[] rgb = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        rgb[(y * w + x) * 3] = (byte) red[y][x];
        rgb[(y * w + x) * 3 + 2] = (byte) 255;
      }
    }
    return new RgbImage(w, h, rgb);
  }

  private static RgbImage constant(int w, int h, int r, int g, int b) {
    byte[] rgb = new byte[3 * w * h];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) r;
      rgb[i + 1] = (byte) g;
      rgb[i + 2] = (byte) b;
    }
    return new RgbImage(w, h, rgb);
  }

  @Test
  void resizeRuleScalesTheShortSideAndRoundsTheLongSideHalfUp() {
    assertThat(FramePreprocessor.resizedSize(640, 480, 256)).containsExactly(341, 256);
    assertThat(FramePreprocessor.resizedSize(480, 640, 256)).containsExactly(256, 341);
    assertThat(FramePreprocessor.resizedSize(53, 37, 64)).containsExactly(92, 64); // 91.68 -> 92
    assertThat(FramePreprocessor.resizedSize(3, 2, 1)).containsExactly(2, 1); // 1.5 -> 2
    assertThat(FramePreprocessor.resizedSize(5, 4, 2)).containsExactly(3, 2); // 2.5 -> 3
    assertThat(FramePreprocessor.resizedSize(256, 256, 256)).containsExactly(256, 256);
    assertThat(FramePreprocessor.resizedSize(1, 1, 8)).containsExactly(8, 8);
  }

  @Test
  void twoByTwoToOneByOneAveragesTheFourPixels() {
    float[] out = raw(1, 1, 1).preprocess(redImage(new int[][] {{0, 100}, {200, 50}}));
    // ratio 2: source coordinate (0 + 0.5) * 2 - 0.5 = 0.5 on both axes, weights 1/2 each.
    assertThat(out).containsExactly(87.5f, 0f, 255f);
  }

  @Test
  void threeByThreeToTwoByTwoUsesQuarterWeights() {
    int[][] red = {{0, 40, 80}, {120, 160, 200}, {240, 0, 40}};
    float[] out = raw(2, 2, 1).preprocess(redImage(red));
    // ratio 1.5: destination 0 -> source 0.25 (0.75 * p0 + 0.25 * p1), 1 -> 1.75 (0.25 p1 + 0.75
    // p2).
    float row0 = 0.75f * (0.75f * 0 + 0.25f * 40) + 0.25f * (0.75f * 120 + 0.25f * 160);
    float row0col1 = 0.75f * (0.25f * 40 + 0.75f * 80) + 0.25f * (0.25f * 160 + 0.75f * 200);
    float row1col0 = 0.25f * (0.75f * 120 + 0.25f * 160) + 0.75f * (0.75f * 240 + 0.25f * 0);
    float row1col1 = 0.25f * (0.25f * 160 + 0.75f * 200) + 0.75f * (0.25f * 0 + 0.75f * 40);
    assertThat(new float[] {out[0], out[1], out[2], out[3]})
        .containsExactly(new float[] {row0, row0col1, row1col0, row1col1}, within(1e-4f));
  }

  @Test
  void upsamplingClampsAtTheBorders() {
    float[] out = raw(4, 4, 1).preprocess(redImage(new int[][] {{0, 100}, {0, 100}}));
    // ratio 0.5: sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (upper neighbour clamped to 1).
    assertThat(new float[] {out[0], out[1], out[2], out[3]}).containsExactly(0f, 25f, 75f, 100f);
  }

  @Test
  void centreCropUsesIntegerDivisionOffsets() {
    // 5x3 with short side 3 is not resized; a 2x2 crop starts at x = (5-2)/2 = 1, y = (3-2)/2 = 0.
    int[][] red = {{0, 1, 2, 3, 4}, {10, 11, 12, 13, 14}, {20, 21, 22, 23, 24}};
    float[] out = raw(2, 3, 1).preprocess(redImage(red));
    assertThat(new float[] {out[0], out[1], out[2], out[3]}).containsExactly(1f, 2f, 11f, 12f);
  }

  @Test
  void constantImageGivesExactImagenetValuesInChannelTimeOrder() {
    FramePreprocessor pre = imagenet(2, 2, 2);
    float[] out = pre.preprocess(constant(7, 5, 255, 0, 128));
    float[] expected = {
      (1f - 0.485f) / 0.229f, (0f - 0.456f) / 0.224f, (128f / 255f - 0.406f) / 0.225f
    };
    assertThat(out).hasSize(pre.outputFloats()).hasSize(3 * 2 * 2 * 2);
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 8; i++) { // 2 time steps x 4 pixels per channel
        assertThat(out[c * 8 + i])
            .as("channel %d index %d", c, i)
            .isCloseTo(expected[c], within(1e-6f));
      }
    }
  }

  @Test
  void framesAreRepeatedOverTheTubelet() {
    float[] out = raw(2, 2, 3).preprocess(redImage(new int[][] {{1, 2}, {3, 4}}));
    for (int t = 0; t < 3; t++) {
      assertThat(new float[] {out[4 * t], out[4 * t + 1], out[4 * t + 2], out[4 * t + 3]})
          .containsExactly(1f, 2f, 3f, 4f);
    }
  }

  @Test
  void writesIntoABatchBufferAtAnOffset() {
    FramePreprocessor pre = raw(1, 1, 1);
    float[] batch = new float[7];
    pre.preprocessInto(constant(1, 1, 9, 8, 7), batch, 4);
    assertThat(batch).containsExactly(0, 0, 0, 0, 9, 8, 7);
    assertThatThrownBy(() -> pre.preprocessInto(constant(1, 1, 9, 8, 7), batch, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out holds 7 floats; a clip of 3 does not fit at offset 5");
  }

  @Test
  void badImagesAreRejectedPrecisely() {
    assertThatThrownBy(() -> new RgbImage(0, 2, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image size must be positive, got 0x2");
    assertThatThrownBy(() -> new RgbImage(2, 2, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rgb is null");
    assertThatThrownBy(() -> new RgbImage(2, 2, new byte[11]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a 2x2 RGB image needs 12 bytes, got 11");
    assertThatThrownBy(() -> raw(1, 1, 1).preprocess(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("image is null");
  }

  @Test
  void specWithShortSideBelowTheCropIsRejected() {
    assertThatThrownBy(() -> raw(4, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resize_short_side must be >= image_size");
  }

  @Test
  void vgaFrameToEncoderInput() {
    FramePreprocessor pre = imagenet(256, 256, 2);
    RgbImage frame = constant(640, 480, 10, 200, 30);
    float[] out = new float[pre.outputFloats()];
    for (int i = 0; i < 20; i++) {
      pre.preprocessInto(frame, out, 0);
    }
    long started = System.nanoTime();
    int frames = 50;
    for (int i = 0; i < frames; i++) {
      pre.preprocessInto(frame, out, 0);
    }
    log.info("640x480 -> 2x256x256: {} ms per frame", (System.nanoTime() - started) / 1e6 / frames);
    assertThat(out[out.length - 1]).isCloseTo((30f / 255f - 0.406f) / 0.225f, within(1e-5f));
  }

  /** Seeded sweep over sizes and values (deterministic, unlike a randomly seeded property). */
  @Test
  void constantImagesStayConstantAtAnySize() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 60; i++) {
      int width = random.nextInt(1, 41);
      int height = random.nextInt(1, 41);
      int value = random.nextInt(256);
      float[] out = raw(3, 5, 1).preprocess(constant(width, height, value, value, value));
      for (float v : out) {
        assertThat(v).as("%dx%d of %d", width, height, value).isCloseTo(value, within(1e-3f));
      }
    }
  }

  @Test
  void imageOfExactlyTheCropSizeIsOnlyNormalised() {
    for (int size = 1; size <= 12; size++) {
      byte[] rgb = new byte[3 * size * size];
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] = (byte) (size * 31 + i * 17);
      }
      float[] out = raw(size, size, 1).preprocess(new RgbImage(size, size, rgb));
      for (int c = 0; c < 3; c++) {
        for (int p = 0; p < size * size; p++) {
          assertThat(out[c * size * size + p]).isEqualTo((float) (rgb[p * 3 + c] & 0xFF));
        }
      }
    }
  }
}
