package dev.latentmpc.controller.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControllerConfigTest {

  @Test
  void defaultsRoundTripThroughTheBuilder() {
    ControllerConfig config = ControllerConfig.defaults();

    assertThat(config.maxFrameAge()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatIllegalArgumentException()
        .isThrownBy(() ->
            ControllerConfig.builder()
                .maxFrameAge(Duration.ZERO)
                .moveTimeout(null)
                .planningBudget(Duration.ofDays(2))
                .maxConsecutiveHolds(0)
                .goalCacheCapacity(0)
                .build())
        .withMessageContainingAll(
            "maxFrameAge",
            "moveTimeout",
            "planningBudget",
            "maxConsecutiveHolds",
            "goalCacheCapacity");
  }
}
