package dev.latentmpc.controller.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation and defaults of {@link BridgeClientConfig}. */
class BridgeClientConfigTest {

  @Test
  void defaultsPointAtTheSimBridge() {
    BridgeClientConfig c = BridgeClientConfig.defaults();
    assertThat(c.address()).isEqualTo("127.0.0.1:50061");
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(50061);
    assertThat(c.callDeadline()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.moveMargin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.keepAliveTime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void hostNamesAndIpv6LiteralsAreAccepted() {
    BridgeClientConfig name =
        BridgeClientConfig.builder().address("franka-bridge.lab:7000").build();
    assertThat(name.host()).isEqualTo("franka-bridge.lab");
    assertThat(name.port()).isEqualTo(7000);
    BridgeClientConfig v6 = BridgeClientConfig.builder().address("[::1]:50061").build();
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.port()).isEqualTo(50061);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        ":50061",
        "host:",
        "host:0",
        "host:65536",
        "host:5x",
        "::1:50061",
        "[::1:50061",
        "[]:50061",
        " host:50061"
      })
  void malformedAddressesAreRejected(String address) {
    assertThatThrownBy(() -> BridgeClientConfig.builder().address(address).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("address");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() ->
            BridgeClientConfig.builder()
                .address(null)
                .callDeadline(Duration.ZERO)
                .moveMargin(Duration.ofMillis(-1))
                .keepAliveTime(Duration.ofSeconds(1))
                .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("address must be set")
        .hasMessageContaining("callDeadline must be positive")
        .hasMessageContaining("moveMargin must be positive")
        .hasMessageContaining("keepAliveTime must be at least PT10S");
  }

  @Test
  void theConnectionWaitMustFitTheDeadlines() {
    assertThatThrownBy(() ->
            BridgeClientConfig.builder()
                .callDeadline(Duration.ofMillis(200))
                .moveMargin(Duration.ofMillis(100))
                .connectTimeout(Duration.ofMillis(300))
                .build())
        .hasMessageContaining("must not exceed callDeadline")
        .hasMessageContaining("must not exceed moveMargin");
  }

  @Test
  void missingAndHugeDurationsAreRejected() {
    assertThatThrownBy(() -> BridgeClientConfig.builder().connectTimeout(null).build())
        .hasMessageContaining("connectTimeout must be set");
    assertThatThrownBy(() -> BridgeClientConfig.builder().callDeadline(Duration.ofDays(2)).build())
        .hasMessageContaining("callDeadline must be at most a day");
  }

  @Test
  void theHeartbeatIsOffAtZeroOrWithinTheProtocolsRange() {
    assertThat(BridgeClientConfig.defaults().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(BridgeClientConfig.defaults().heartbeatPeriod()).isEqualTo(Duration.ofMillis(250));
    assertThat(
            BridgeClientConfig.builder().heartbeatTimeout(Duration.ZERO).build().heartbeatTimeout())
        .isZero();
    for (Duration bad :
        new Duration[] {Duration.ofMillis(10), Duration.ofSeconds(61), Duration.ofMillis(-5)}) {
      assertThatThrownBy(() -> BridgeClientConfig.builder().heartbeatTimeout(bad).build())
          .hasMessageContaining("heartbeatTimeout must be 0 (no heartbeats) or in [40 ms, 60 s]");
    }
    BridgeClientConfig c =
        BridgeClientConfig.builder().heartbeatTimeout(Duration.ofMillis(400)).build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }
}
