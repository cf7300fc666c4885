package dev.latentmpc.controller.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.InsecureChannelCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The combinations {@link BridgeSecurity} accepts and the files it refuses. TLS that works is
 * tested over sockets against the Python bridge (deploy's BridgeSecurityIntegrationTest), where
 * certificates are made with openssl.
 */
class BridgeSecurityTest {
  @TempDir Path dir;

  @Test
  void theDefaultIsPlaintextWithoutAToken() throws Exception {
    BridgeSecurity none = BridgeClientConfig.defaults().security();

    assertThat(none).isEqualTo(BridgeSecurity.plaintext());
    assertThat(none.tls()).isFalse();
    assertThat(none.channelCredentials()).isInstanceOf(InsecureChannelCredentials.class);
    assertThat(none).hasToString("plaintext, no token");
  }

  @Test
  void anExpectedServerNameNeedsTls() {
    assertThatThrownBy(
            () -> new BridgeSecurity(Optional.empty(), Optional.of("franka-pc"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only applies with TLS");
  }

  @Test
  void anExpectedServerNameIsAHostWithoutPort() {
    assertThat(BridgeSecurity.authorityProblem("franka-pc.lab")).isNull();
    assertThat(BridgeSecurity.authorityProblem("172.16.0.10")).isNull();
    assertThat(BridgeSecurity.authorityProblem("franka-pc:50061"))
        .isEqualTo(
            "the expected server name must be a DNS name or IPv4 address without a port (e.g."
                + " franka-pc.lab or 172.16.0.10), got 'franka-pc:50061'");
    assertThat(BridgeSecurity.authorityProblem("-x")).isNotNull();
  }

  @Test
  void aCaFileWithoutACertificateIsRefusedByName() throws Exception {
    Path key = Files.writeString(dir.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n");
    BridgeSecurity security =
        new BridgeSecurity(Optional.of(key), Optional.empty(), Optional.empty());

    assertThatThrownBy(security::check)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(key + " holds no usable PEM certificate (");
    assertThatThrownBy(
            () -> BridgeChannel.open(BridgeClientConfig.builder().security(security).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(key + " holds no usable PEM certificate");
  }

  @Test
  void aMissingCaOrTokenFileStopsTheChannelFromOpening() {
    Path absent = dir.resolve("absent.pem");
    BridgeClientConfig tls =
        BridgeClientConfig.builder()
            .security(new BridgeSecurity(Optional.of(absent), Optional.empty(), Optional.empty()))
            .build();
    BridgeClientConfig token =
        BridgeClientConfig.builder()
            .security(new BridgeSecurity(Optional.empty(), Optional.empty(), Optional.of(absent)))
            .build();

    assertThatThrownBy(() -> BridgeChannel.open(tls))
        .hasMessage(
            "cannot read the CA trusted for the robot bridge at 127.0.0.1:50061: no readable file"
                + " at "
                + absent);
    assertThatThrownBy(() -> BridgeChannel.open(token))
        .hasMessage(
            "cannot read the token for the robot bridge at 127.0.0.1:50061: no readable file at "
                + absent);
  }

  @Test
  void theDescriptionNamesFilesNeverTheToken() {
    BridgeSecurity security =
        new BridgeSecurity(
            Optional.of(Path.of("/etc/latent-mpc/bridge-ca.pem")),
            Optional.of("franka-pc"),
            Optional.of(Path.of("/etc/latent-mpc/bridge.token")));

    assertThat(security)
        .hasToString(
            "TLS trusting /etc/latent-mpc/bridge-ca.pem as franka-pc, bearer token from"
                + " /etc/latent-mpc/bridge.token");
  }
}
