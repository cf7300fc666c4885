package dev.latentmpc.worldmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentmpc.worldmodel.fixtures.TestBundles;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** model.json's {@code state_convention} block: read, validated, and present in every bundle. */
class StateConventionSpecTest {
  @TempDir Path dir;

  @BeforeEach
  void writeBundle() {
    TestBundles.write(dir);
  }

  @Test
  void readsTheBlock() {
    assertThat(ModelSpec.load(dir).stateConvention()).isEqualTo(StateConvention.FRANKA_HAND_TCP);
  }

  @Test
  void bundleWithoutTheBlockIsRefusedWithTheFix() {
    TestBundles.editModelJson(dir, json -> json.remove("state_convention"));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("model.json: field 'state_convention' is missing")
        .hasMessageContaining("export.py --state-convention droid")
        .hasMessageContaining("world-model/BUNDLE.md");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "frame_name",
        "offset_from_flange_m",
        "rotation_about_flange_z_rad",
        "euler",
        "gripper"
      })
  void missingFieldIsNamed(String field) {
    TestBundles.editModelJson(dir, json -> block(json).remove(field));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining("field 'state_convention." + field + "' is missing");
  }

  /**
   * A field set to a value the product cannot use: only the extrinsic-xyz Euler convention of the
   * pose update, only closedness as the gripper's scale, a finite offset, a frame name.
   */
  @ParameterizedTest(name = "{0} = \"{1}\"")
  @MethodSource("unusableValues")
  void unusableValueIsRefusedNamingTheField(String field, String value, String message) {
    TestBundles.editModelJson(dir, json -> block(json).put(field, value));
    assertThatThrownBy(() -> ModelSpec.load(dir)).hasMessageContaining(message);
  }

  static Stream<Arguments> unusableValues() {
    return Stream.of(
        arguments(
            "euler",
            "intrinsic-xyz",
            "field 'state_convention.euler' is \"intrinsic-xyz\", only \"extrinsic-xyz\" is"
                + " supported"),
        arguments(
            "gripper",
            "width_m",
            "field 'state_convention.gripper' is \"width_m\", only \"closedness\" is supported"),
        arguments(
            "offset_from_flange_m",
            "10 cm",
            "field 'state_convention.offset_from_flange_m' must be a finite number, found \"10"
                + " cm\""),
        arguments("frame_name", " ", "field 'state_convention.frame_name' must not be blank"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim-small96", "sim-small100", "untrained-small64"})
  void committedSimBundlesRecordTheSimulatorsConvention(String name) {
    Path bundle = Path.of("bundles", name);
    assertThat(ModelSpec.load(bundle, false).stateConvention())
        .isEqualTo(StateConvention.FRANKA_HAND_TCP);
  }

  private static ObjectNode block(ObjectNode json) {
    return (ObjectNode) json.get("state_convention");
  }
}
