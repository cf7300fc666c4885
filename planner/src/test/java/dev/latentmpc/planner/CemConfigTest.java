package dev.latentmpc.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CemConfigTest {

  @Test
  void defaultsAreThePapersSettingsWithTheNotebooksClipAndMomenta() {
    CemConfig config = CemConfig.defaults();

    assertThat(config.samples()).isEqualTo(800);
    assertThat(config.iterations()).isEqualTo(10);
    assertThat(config.topK()).isEqualTo(10);
    assertThat(config.horizon()).isEqualTo(1);
    assertThat(config.maxNormM()).isEqualTo(0.05);
    assertThat(config.gripperLimit()).isEqualTo(0.75);
    assertThat(config.initialStdXyzM()).isEqualTo(0.05);
    assertThat(config.initialStdGripper()).isEqualTo(1.0);
    assertThat(config.momentumMean()).isEqualTo(0.15);
    assertThat(config.momentumStd()).isEqualTo(0.15);
    assertThat(config.momentumMeanGripper()).isEqualTo(0.15);
    assertThat(config.momentumStdGripper()).isEqualTo(0.15);
    assertThat(config.gripperRoundingThreshold()).isEqualTo(0.25);
    assertThat(config.l1BallEnabled()).isFalse();
    assertThat(config.l1BallRadiusM()).isEqualTo(0.075);
    assertThat(config.pins()).isEqualTo(AxisPins.NONE);
    assertThat(config.closeGripperFromStep()).isEmpty();
    assertThat(config.sampling())
        .isEqualTo(new SamplingHooks(1.0, AxisPins.NONE, OptionalInt.empty()));
  }

  @Test
  void theInitialXyzStdFollowsMaxNormUnlessSet() {
    assertThat(CemConfig.builder().maxNormM(0.02).build().initialStdXyzM()).isEqualTo(0.02);
    assertThat(CemConfig.builder().maxNormM(0.02).initialStdXyzM(0.5).build().initialStdXyzM())
        .isEqualTo(0.5);
  }

  @Test
  void toBuilderRoundTrips() {
    CemConfig config =
        CemConfig.builder()
            .horizon(3)
            .l1BallEnabled(true)
            .momentumStd(0.95)
            .pins(AxisPins.NONE.withDzM(0.01))
            .closeGripperFromStep(OptionalInt.of(2))
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        invalid("samples", b -> b.samples(9)),
        invalid("topK", b -> b.topK(1).samples(1)),
        invalid("iterations", b -> b.iterations(0)),
        invalid("horizon", b -> b.horizon(0)),
        invalid("maxNormM", b -> b.maxNormM(0)),
        invalid("maxNormM", b -> b.maxNormM(-0.05)),
        invalid("maxNormM", b -> b.maxNormM(Double.NaN)),
        invalid("maxNormM", b -> b.maxNormM(Double.POSITIVE_INFINITY)),
        invalid("gripperLimit", b -> b.gripperLimit(0)),
        invalid("initialStdXyzM", b -> b.initialStdXyzM(Double.NaN)),
        invalid("initialStdGripper", b -> b.initialStdGripper(-1)),
        invalid("momentumMean", b -> b.momentumMean(1)),
        invalid("momentumMean", b -> b.momentumMean(-0.01)),
        invalid("momentumStd", b -> b.momentumStd(Double.NaN)),
        invalid("momentumMeanGripper", b -> b.momentumMeanGripper(1.5)),
        invalid("momentumStdGripper", b -> b.momentumStdGripper(Double.NEGATIVE_INFINITY)),
        invalid("gripperRoundingThreshold", b -> b.gripperRoundingThreshold(-0.1)),
        invalid("l1BallRadiusM", b -> b.l1BallRadiusM(0)),
        invalid("l1BallRadiusM", b -> b.l1BallEnabled(true).l1BallRadiusM(Double.NaN)),
        invalid("samples x horizon", b -> b.samples(Integer.MAX_VALUE / 2)),
        invalid("pins.dxM", b -> b.pins(AxisPins.NONE.withDxM(0.051))),
        invalid("pins.dzM", b -> b.pins(AxisPins.NONE.withDzM(Double.NaN))),
        invalid("pins.dGripper", b -> b.pins(AxisPins.NONE.withDGripper(-0.8))),
        invalid(
            "L1 ball", b -> b.l1BallEnabled(true).pins(AxisPins.NONE.withDxM(0.04).withDyM(0.04))),
        invalid("closeGripperFromStep", b -> b.closeGripperFromStep(OptionalInt.of(-1))));
  }

  private static Arguments invalid(String field, UnaryOperator<CemConfig.Builder> override) {
    return Arguments.of(field, override);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFields")
  void anInvalidFieldIsRejectedByName(String field, UnaryOperator<CemConfig.Builder> override) {
    CemConfig.Builder builder = override.apply(CemConfig.builder());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field);
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() {
    CemConfig.Builder builder =
        CemConfig.builder().topK(1).horizon(0).maxNormM(Double.NaN).momentumStd(1.0);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("topK", "horizon", "maxNormM", "momentumStd");
  }

  @Test
  void boundaryValuesAreAccepted() {
    CemConfig config =
        CemConfig.builder()
            .samples(2)
            .topK(2)
            .iterations(1)
            .horizon(1)
            .momentumMean(0)
            .momentumStd(Math.nextDown(1.0))
            .gripperRoundingThreshold(0)
            .build();

    assertThat(config.samples()).isEqualTo(2);
  }
}
