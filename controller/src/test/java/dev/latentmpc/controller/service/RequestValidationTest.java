package dev.latentmpc.controller.service;

import static dev.latentmpc.controller.service.ArmOwnershipTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.latentmpc.controller.loop.GoalCache;
import dev.latentmpc.controller.service.image.ImageEncoder;
import dev.latentmpc.controller.service.image.ImageLimits;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.PlannerOverrides;
import dev.latentmpc.proto.control.v1.RawRgbImage;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.proto.control.v1.UploadGoalResponse;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Status;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a precise status and moves nothing. */
class RequestValidationTest extends ServiceFixtureTest {

  @AfterEach
  @Override
  void closeFixture() throws Exception {
    super.closeFixture();
    assertThat(fixture.arm.moves()).isEmpty();
  }

  private void assertUploadFails(Image image, String descriptionPart) {
    UploadGoalRequest request = UploadGoalRequest.newBuilder().setImage(image).build();
    assertThatThrownBy(() -> fixture.blocking.uploadGoal(request))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT, descriptionPart));
  }

  @Test
  void pngAndRawUploadsOfTheSamePixelsShareTheContentHash() {
    RgbImage image = TestImages.random(5);

    UploadGoalResponse png =
        fixture.blocking.uploadGoal(
            UploadGoalRequest.newBuilder().setImage(TestImages.png(image)).build());
    UploadGoalResponse raw =
        fixture.blocking.uploadGoal(
            UploadGoalRequest.newBuilder().setImage(TestImages.raw(image)).build());

    assertThat(png.getGoalId()).isEqualTo(GoalCache.contentHash(image)).isEqualTo(raw.getGoalId());
    assertThat(png.getWidthPx()).isEqualTo(64);
    assertThat(png.getStoredBytes()).isEqualTo(64 * 64 * 3);
    assertThat(png.getAlreadyStored()).isFalse();
    assertThat(raw.getAlreadyStored()).isTrue();
  }

  @Test
  void jpegUploadsDecode() throws Exception {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", jpeg);

    UploadGoalResponse response =
        fixture.blocking.uploadGoal(
            UploadGoalRequest.newBuilder()
                .setImage(TestImages.encoded(jpeg.toByteArray()))
                .build());

    assertThat(response.getWidthPx()).isEqualTo(40);
    assertThat(response.getHeightPx()).isEqualTo(30);
  }

  @Test
  void truncatedPngIsInvalid() {
    byte[] png = ImageEncoder.png(TestImages.random(6));
    assertUploadFails(TestImages.encoded(Arrays.copyOf(png, png.length / 2)), "truncated PNG");
    assertUploadFails(
        TestImages.encoded(Arrays.copyOf(png, png.length - 2)),
        "truncated PNG file: an incomplete");
  }

  @Test
  void pngWithAFlippedBitIsInvalid() {
    byte[] png = ImageEncoder.png(TestImages.random(6));
    png[png.length / 2] ^= 0x10;
    assertUploadFails(TestImages.encoded(png), "corrupt PNG file: chunk IDAT");
  }

  @Test
  void truncatedJpegIsInvalid() throws Exception {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", jpeg);
    byte[] bytes = jpeg.toByteArray();
    assertUploadFails(TestImages.encoded(Arrays.copyOf(bytes, bytes.length / 2)), "JPEG");
  }

  @Test
  void garbageIsInvalid() {
    assertUploadFails(TestImages.encoded(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), "neither a PNG");
  }

  @Test
  void emptyAndMissingImagesAreInvalid() {
    assertUploadFails(TestImages.encoded(new byte[0]), "image.encoded is empty");
    assertUploadFails(Image.getDefaultInstance(), "image has no pixels");
  }

  @Test
  void overLimitPayloadIsInvalid() {
    byte[] huge = new byte[(int) ImageLimits.MAX_ENCODED_BYTES + 1];
    assertUploadFails(TestImages.encoded(huge), "the limit is 8388608 bytes");
  }

  @Test
  void oversizedPngIsInvalidBeforeDecoding() {
    RgbImage wide =
        new RgbImage(ImageLimits.MAX_SIDE_PX + 1, 1, new byte[(ImageLimits.MAX_SIDE_PX + 1) * 3]);
    assertUploadFails(TestImages.png(wide), "each side must be at most 4096 px");
  }

  @Test
  void rawImagesWithTheWrongShapeAreInvalid() {
    Image shortRaw =
        Image.newBuilder()
            .setRaw(
                RawRgbImage.newBuilder()
                    .setWidthPx(4)
                    .setHeightPx(4)
                    .setRgb(ByteString.copyFrom(new byte[47])))
            .build();
    assertUploadFails(shortRaw, "needs exactly 48");
    Image zero = Image.newBuilder().setRaw(RawRgbImage.newBuilder().setHeightPx(4)).build();
    assertUploadFails(zero, "each side must be >= 1 px");
  }

  @Test
  void unknownGoalIsNotFound() {
    Iterator<?> updates =
        fixture.blocking.startTask(
            StartTaskRequest.newBuilder()
                .setKind(TaskKind.TASK_KIND_REACH)
                .addGoalIds("0123abcd")
                .build());
    assertThatThrownBy(updates::hasNext)
        .satisfies(e -> assertCode(e, Status.Code.NOT_FOUND, "goal_ids[0]"));
  }

  @Test
  void wrongGoalCountForTheKindIsInvalid() {
    String goal = fixture.upload(TestImages.random(7));
    Iterator<?> updates =
        fixture.blocking.startTask(
            StartTaskRequest.newBuilder()
                .setKind(TaskKind.TASK_KIND_PICK_AND_PLACE)
                .addGoalIds(goal)
                .build());
    assertThatThrownBy(updates::hasNext)
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT, "takes 3 goal id(s)"));
  }

  @ParameterizedTest
  @CsvSource({
    "samples, 1000000, planner.samples",
    "samples, -1, planner.samples must be in [10, 4096], got 4294967295",
    "iterations, 0, planner.iterations",
    "top_k, 500, planner.top_k",
    "horizon_steps, 7, planner.horizon_steps",
    "max_norm_m, 5.0, planner.max_norm_m",
    "max_norm_m, NaN, planner.max_norm_m",
    "l1_ball_radius_m, -0.1, planner.l1_ball_radius_m",
  })
  void absurdPlannerOverridesAreInvalid(String field, String value, String descriptionPart) {
    String goal = fixture.upload(TestImages.random(8));
    PlannerOverrides overrides = override(field, value);
    Iterator<?> updates =
        fixture.blocking.startTask(
            StartTaskRequest.newBuilder()
                .setKind(TaskKind.TASK_KIND_REACH)
                .addGoalIds(goal)
                .setPlanner(overrides)
                .build());
    assertThatThrownBy(updates::hasNext)
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT, descriptionPart));
  }

  private static PlannerOverrides override(String field, String value) {
    UnaryOperator<PlannerOverrides.Builder> set =
        switch (field) {
          case "samples" -> b -> b.setSamples(Integer.parseInt(value));
          case "iterations" -> b -> b.setIterations(Integer.parseInt(value));
          case "top_k" -> b -> b.setTopK(Integer.parseInt(value));
          case "horizon_steps" -> b -> b.setHorizonSteps(Integer.parseInt(value));
          case "max_norm_m" -> b -> b.setMaxNormM(Double.parseDouble(value));
          case "l1_ball_radius_m" -> b -> b.setL1BallRadiusM(Double.parseDouble(value));
          default -> throw new IllegalArgumentException(field);
        };
    return set.apply(PlannerOverrides.newBuilder()).build();
  }
}
