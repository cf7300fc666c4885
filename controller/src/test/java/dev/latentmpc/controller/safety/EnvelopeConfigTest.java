package dev.latentmpc.controller.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EnvelopeConfigTest {

  @Test
  void defaultsAreThePapersStepBoundAndTheLabWorkspace() {
    EnvelopeConfig config = EnvelopeConfig.defaults();

    assertThat(config.maxStepL1M()).isEqualTo(0.075);
    assertThat(config.maxStepAxisM()).isEqualTo(0.075);
    assertThat(config.maxStepRotationRad()).isZero();
    assertThat(config.maxStepGripper()).isEqualTo(1.0);
    assertThat(new double[] {config.minXM(), config.maxXM(), config.minYM(), config.maxYM()})
        .containsExactly(0.25, 0.80, -0.40, 0.40);
    assertThat(new double[] {config.minZM(), config.maxZM()}).containsExactly(0.02, 0.70);
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatIllegalArgumentException()
        .isThrownBy(() ->
            EnvelopeConfig.builder()
                .maxStepL1M(Double.NaN)
                .maxStepAxisM(-1)
                .maxStepRotationRad(4)
                .maxStepGripper(1.5)
                .workspaceX(0.8, 0.25)
                .workspaceY(Double.NEGATIVE_INFINITY, 0)
                .gripperStateTolerance(-0.1)
                .build())
        .withMessageContainingAll(
            "maxStepL1M",
            "maxStepAxisM",
            "maxStepRotationRad",
            "maxStepGripper",
            "workspace x",
            "workspace y",
            "gripperStateTolerance");
  }

  @Test
  void theStateToleranceMustLeaveRoomToComeBackInOneStep() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EnvelopeConfig.builder().stateToleranceM(0.03).build())
        .withMessageContaining("stateToleranceM must be < maxStepAxisM and < maxStepL1M / 3");
  }
}
