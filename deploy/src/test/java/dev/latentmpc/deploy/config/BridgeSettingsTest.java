package dev.latentmpc.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latentmpc.controller.bridge.BridgeSecurity;
import dev.latentmpc.deploy.security.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code robot.bridge.tls.*} and {@code robot.bridge.tokenFile} keys: read, shown by {@code
 * serve --check} and read back, and every unusable file or combination reported with the rest.
 */
class BridgeSettingsTest {
  /** The repository root: surefire runs in deploy/. */
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void theBridgeIsPlaintextWithoutATokenByDefault() throws Exception {
    ServeConfig c = ConfigLoader.defaultsWith(HOME);

    assertThat(c.robot().bridge().security()).isEqualTo(BridgeSecurity.plaintext());
    assertThat(EffectiveConfig.of(c))
        .containsEntry("robot.bridge.tls.ca", "none")
        .containsEntry("robot.bridge.tls.authority", "none")
        .containsEntry("robot.bridge.tokenFile", "none");
  }

  @Test
  void relativeFilesFollowTheConfigFileAndTheCheckOutputReadsBackTheSame() throws Exception {
    TestPki pki = TestPki.create(Files.createDirectory(dir.resolve("pki")));
    Files.copy(pki.file("ca.pem"), dir.resolve("bridge-ca.pem"));
    Path token = token("bridge.token", "s3cret-bridge-token\n", "rw-------");
    Path file =
        Files.writeString(
            dir.resolve("serve.yaml"),
            """
            robot:
              source: bridge
              bridge:
                address: 172.16.0.10:50061
                tls:
                  ca: bridge-ca.pem
                  authority: franka-pc.lab
                tokenFile: bridge.token
            """);

    ServeConfig c = ConfigLoader.load(Optional.of(file), List.of(), HOME);

    BridgeSecurity security = c.robot().bridge().security();
    assertThat(security.trustedCa()).contains(dir.resolve("bridge-ca.pem"));
    assertThat(security.authority()).contains("franka-pc.lab");
    assertThat(security.tokenFile()).contains(token);
    List<String> printed = EffectiveConfig.yaml(c);
    assertThat(String.join("\n", printed))
        .contains("    tls:\n      ca: \"" + dir.resolve("bridge-ca.pem") + "\"")
        .contains("      authority: \"franka-pc.lab\"")
        .contains("    tokenFile: \"" + token + "\"")
        .doesNotContain("s3cret");
    Path again = Files.write(dir.resolve("effective.yaml"), printed);
    assertThat(ConfigLoader.load(Optional.of(again), List.of(), HOME)).isEqualTo(c);
  }

  @Test
  void everyUnusableFileAndCombinationIsReportedAtOnce() throws Exception {
    Path notACertificate = Files.writeString(dir.resolve("ca.key"), "not a certificate\n");
    Path shared = token("shared.token", "s3cret-bridge-token\n", "rw-r--r--");

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.defaultsWith(
                    HOME,
                    Setting.assignment("robot.bridge.tls.ca=" + notACertificate),
                    Setting.assignment("robot.bridge.tls.authority=franka-pc:50061"),
                    Setting.assignment("robot.bridge.tokenFile=" + shared)));

    assertThat(e.errors())
        .containsExactly(
            "robot.bridge.tls.authority = 'franka-pc:50061' (--set robot.bridge.tls.authority):"
                + " the expected server name must be a DNS name or IPv4 address without a port"
                + " (e.g. franka-pc.lab or 172.16.0.10), got 'franka-pc:50061'",
            "robot.bridge.tls.ca = '"
                + notACertificate
                + "' (--set robot.bridge.tls.ca): cannot be used: "
                + notACertificate
                + " holds no usable PEM certificate (found no certificates in input stream)",
            "robot.bridge.tokenFile = '"
                + shared
                + "' (--set robot.bridge.tokenFile): cannot be used: "
                + shared
                + " holds a secret but every user may read it (mode rw-r--r--): chmod 600 it, or"
                + " 640 with a group the service runs in");
    assertThat(String.join("\n", e.errors())).doesNotContain("s3cret");
  }

  @Test
  void missingFilesAndANameWithoutTlsAreRefused() throws Exception {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.defaultsWith(
                    HOME,
                    Setting.assignment("robot.bridge.tls.authority=franka-pc"),
                    Setting.assignment("robot.bridge.tokenFile=" + dir.resolve("absent.token"))));

    assertThat(e.errors())
        .containsExactly(
            "robot.bridge.tls.authority = 'franka-pc' (--set robot.bridge.tls.authority): is the"
                + " name on the bridge's TLS certificate: it needs robot.bridge.tls.ca",
            "robot.bridge.tokenFile = '"
                + dir.resolve("absent.token")
                + "' (--set robot.bridge.tokenFile): cannot be used: no readable file at "
                + dir.resolve("absent.token"));
  }

  @Test
  void aTokenFileWithTwoTokensIsRefusedWithoutShowingThem() throws Exception {
    Path two = token("two.token", "first-token\nsecond-token\n", "rw-------");

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.defaultsWith(
                    HOME, Setting.assignment("robot.bridge.tokenFile=" + two)));

    assertThat(e.errors())
        .singleElement()
        .asString()
        .endsWith(two + " line 2: a second token; the file must hold exactly one")
        .doesNotContain("first-token")
        .doesNotContain("second-token");
  }

  private Path token(String name, String text, String mode) throws IOException {
    Path file = Files.writeString(dir.resolve(name), text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }
}
