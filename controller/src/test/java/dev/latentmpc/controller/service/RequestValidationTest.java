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
import dev.latentmpc.proto.control.v1.SamplingHooks;
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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "initial_std_gripper | 0 | planner.sampling.initial_std_gripper must be in (0, 2.0]",
        "initial_std_gripper | NaN | planner.sampling.initial_std_gripper",
        "initial_std_gripper | 2.5 | planner.sampling.initial_std_gripper",
        "pin_dx_m | 0.06 | planner.sampling.pin_dx_m must be finite and in [-0.05, 0.05] m",
        "pin_dy_m | -Infinity | planner.sampling.pin_dy_m",
        "pin_dz_m | NaN | planner.sampling.pin_dz_m",
        "pin_dgripper | 0.8 | planner.sampling.pin_dgripper must be finite and in [-0.75, 0.75]",
        "close_gripper_from_step | 1 | planner.sampling.close_gripper_from_step must be in"
            + " [0, horizon_steps - 1 = 0], got 1",
        "close_gripper_from_step | -1 | planner.sampling.close_gripper_from_step must be in"
            + " [0, horizon_steps - 1 = 0], got 4294967295",
      })
  void samplingHooksOutOfTheirLimitsAreInvalidNamingTheField(
      String field, String value, String descriptionPart) {
    SamplingHooks hooks = hooks(field, value);
    assertStartFails(PlannerOverrides.newBuilder().setSampling(hooks).build(), descriptionPart, 1);
    // The same limits per goal, named by the entry's index.
    assertStartFails(
        PlannerOverrides.newBuilder()
            .addSubgoalSampling(SamplingHooks.getDefaultInstance())
            .addSubgoalSampling(hooks)
            .addSubgoalSampling(SamplingHooks.getDefaultInstance())
            .build(),
        descriptionPart.replace("planner.sampling", "planner.subgoal_sampling[1]"),
        3);
  }

  @Test
  void pinsBeyondTheL1BallAreInvalid() {
    // The service enables the L1 ball (0.075 m): 0.05 + 0.03 of pinned xyz do not fit.
    SamplingHooks hooks = SamplingHooks.newBuilder().setPinDxM(0.05).setPinDzM(-0.03).build();

    assertStartFails(
        PlannerOverrides.newBuilder().setSampling(hooks).build(),
        "planner.sampling: the pinned |pin_dx_m| + |pin_dy_m| + |pin_dz_m| must be within"
            + " l1_ball_radius_m (0.075 m)",
        1);
  }

  @Test
  void perGoalHooksNeedOneEntryPerGoal() {
    assertStartFails(
        PlannerOverrides.newBuilder()
            .addSubgoalSampling(SamplingHooks.getDefaultInstance())
            .addSubgoalSampling(SamplingHooks.getDefaultInstance())
            .build(),
        "planner.subgoal_sampling has 2 entries for 3 goal(s); give none or one per goal",
        3);
  }

  private void assertStartFails(PlannerOverrides overrides, String descriptionPart, int goals) {
    StartTaskRequest.Builder request =
        StartTaskRequest.newBuilder()
            .setKind(goals == 1 ? TaskKind.TASK_KIND_REACH : TaskKind.TASK_KIND_PICK_AND_PLACE)
            .setPlanner(overrides);
    for (int i = 0; i < goals; i++) {
      request.addGoalIds(fixture.upload(TestImages.random(20 + i)));
    }
    Iterator<?> updates = fixture.blocking.startTask(request.build());
    assertThatThrownBy(updates::hasNext)
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT, descriptionPart));
  }

  private static SamplingHooks hooks(String field, String value) {
    SamplingHooks.Builder b = SamplingHooks.newBuilder();
    switch (field) {
      case "initial_std_gripper" -> b.setInitialStdGripper(Double.parseDouble(value));
      case "pin_dx_m" -> b.setPinDxM(Double.parseDouble(value));
      case "pin_dy_m" -> b.setPinDyM(Double.parseDouble(value));
      case "pin_dz_m" -> b.setPinDzM(Double.parseDouble(value));
      case "pin_dgripper" -> b.setPinDgripper(Double.parseDouble(value));
      case "close_gripper_from_step" -> b.setCloseGripperFromStep(Integer.parseInt(value));
      default -> throw new IllegalArgumentException(field);
    }
    return b.build();
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
