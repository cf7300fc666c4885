package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.testing.PythonBridge;
import dev.latentmpc.controller.testing.PythonBridgeConfig;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.security.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's bridge link with TLS and a bearer token, over real sockets: franka-bridge
 * (kinematic driver) as a subprocess serving TLS with a certificate from a throwaway CA ({@link
 * TestPki}, openssl) and requiring a token, the service's arm and camera opened by {@link
 * RobotIoFactory} from {@code robot.bridge.*} settings as {@code serve} reads them.
 *
 * <p>With the right CA and token both channels get through (the arm reads and moves; the camera
 * reaches the bridge's GetFrame, which answers that it has no camera). A wrong CA, a missing or
 * wrong token and a certificate that does not carry the expected name each fail with an {@link
 * ArmUnavailableException} that says why, and the arm stays where it was. Tagged {@code
 * python-bridge}; skipped with the reason where Debian's Python gRPC packages are missing.
 */
@Tag("python-bridge")
class BridgeSecurityIntegrationTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final String TOKEN = "kinematic-bridge-token-7f3a";
  private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(5);

  @TempDir static Path dir;

  private static TestPki pki;
  private static TestPki otherPki;
  private static Path goodToken;
  private static Path wrongToken;
  private static PythonBridge bridge;

  @BeforeAll
  static void startBridge() throws Exception {
    assumeTrue(
        PythonBridge.unavailableReason().isEmpty(),
        () -> "the Python bridge cannot run here: " + PythonBridge.unavailableReason().get());
    pki = TestPki.create(Files.createDirectory(dir.resolve("pki")));
    otherPki = TestPki.create(Files.createDirectory(dir.resolve("other-pki")));
    goodToken = privateFile("service.token", "# robot 7 bridge\n" + TOKEN + "\n");
    wrongToken = privateFile("stale.token", "stale-" + TOKEN + "\n");
    Path bridgeTokens = privateFile("bridge-tokens", "# latent-mpc\n" + TOKEN + "\n");
    PythonBridgeConfig config =
        PythonBridgeConfig.kinematic()
            .withSecurity(pki.file("server.pem"), pki.file("server.key"), bridgeTokens);
    bridge = PythonBridge.start(config, dir.resolve("bridge"));
  }

  @AfterAll
  static void stopBridge() throws Exception {
    if (bridge != null) {
      assertThat(bridge.terminate()).as("bridge exit status; log:%n%s", bridge.log()).isZero();
    }
  }

  @Test
  void theRightCaAndTokenReadAndMoveTheArmOverBothChannels() throws Exception {
    try (RobotIo io = open(ca(pki), token(goodToken))) {
      ArmState before = io.arm().read();
      MoveResult moved = io.arm().moveDelta(new Delta(0.02, 0, 0, 0, 0, 0, 0), MOVE_TIMEOUT);
      io.arm().stop();

      assertThat(moved.reached().xM()).isCloseTo(before.xM() + 0.02, within(1e-6));
      assertThat(io.arm().read().xM()).isCloseTo(before.xM() + 0.02, within(1e-6));
      CameraUnavailableException noCamera =
          catchThrowableOfType(CameraUnavailableException.class, () -> io.camera().latest());
      assertThat(noCamera.getMessage())
          .as("GetFrame reached the bridge, which has no camera")
          .contains("[UNAVAILABLE")
          .contains("camera.source: opencv");
      assertThat(io.description())
          .contains("TLS trusting " + pki.file("ca.pem"))
          .contains("bearer token from " + goodToken)
          .doesNotContain(TOKEN);
    }
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedAndNothingMoves() throws Exception {
    Refusal refused = refusedReadAndMove(ca(otherPki), token(goodToken));

    assertThat(refused.read())
        .contains(
            "failed: the TLS handshake failed: the bridge's certificate does not chain to the"
                + " trusted CA "
                + otherPki.file("ca.pem"))
        .contains("[UNAVAILABLE");
    assertThat(refused.move()).contains("does not chain to the trusted CA");
  }

  @Test
  void withoutATokenBothChannelsAreRefusedAndNothingMoves() throws Exception {
    ArmState before = trustedRead();
    try (RobotIo io = open(ca(pki))) {
      String read = refusedRead(io);
      String move = refusedMove(io);
      CameraUnavailableException frame =
          catchThrowableOfType(CameraUnavailableException.class, () -> io.camera().latest());

      assertThat(read)
          .isEqualTo(
              "GetState to the robot bridge at "
                  + bridge.address()
                  + " failed: the bridge requires a bearer token and this client has none"
                  + " configured [UNAUTHENTICATED: a valid bearer token is required (metadata"
                  + " 'authorization: Bearer <token>')]");
      assertThat(move).contains("[UNAUTHENTICATED").endsWith("; nothing moved");
      assertThat(frame.getMessage())
          .contains("GetFrame")
          .contains("requires a bearer token and this client has none configured");
    }
    assertStill(before);
  }

  @Test
  void aWrongTokenIsRefusedNamingItsFileNotItsValue() throws Exception {
    Refusal refused = refusedReadAndMove(ca(pki), token(wrongToken));

    assertThat(refused.read())
        .contains("the bridge refused the bearer token read from " + wrongToken)
        .contains("[UNAUTHENTICATED")
        .doesNotContain(TOKEN);
    assertThat(refused.move()).contains("refused the bearer token").endsWith("; nothing moved");
  }

  @Test
  void theExpectedServerNameMustBeOnTheCertificate() throws Exception {
    // The certificate names 127.0.0.1 and localhost; the bridge is reached at 127.0.0.1.
    try (RobotIo named = open(ca(pki), token(goodToken), authority("localhost"));
        RobotIo other = open(ca(pki), token(goodToken), authority("franka-pc"))) {
      assertThat(named.arm().read().zM()).isPositive();

      assertThat(refusedRead(other))
          .contains(
              "failed: the TLS handshake failed: the bridge's certificate does not name franka-pc");
    }
  }

  @Test
  void aPlaintextClientIsToldTheBridgeMayServeTls() throws Exception {
    try (RobotIo io = open(token(goodToken))) {
      assertThat(refusedRead(io))
          .contains("the bridge closed the connection at once (if it serves TLS, trust its CA)");
    }
  }

  /**
   * The arm and camera as {@code serve} opens them from these settings (long deadlines: a TLS
   * handshake in a cold JVM on a busy machine can take a second).
   */
  private static RobotIo open(Setting... security) throws Exception {
    List<Setting> settings = new ArrayList<>();
    settings.add(Setting.assignment("robot.source=bridge"));
    settings.add(Setting.assignment("robot.bridge.address=" + bridge.address()));
    settings.add(Setting.assignment("robot.bridge.callDeadlineMs=10000"));
    settings.add(Setting.assignment("robot.bridge.moveMarginMs=10000"));
    settings.add(Setting.assignment("robot.bridge.connectTimeoutMs=10000"));
    settings.addAll(List.of(security));
    var config = ConfigLoader.defaultsWith(HOME, settings.toArray(Setting[]::new));
    return RobotIoFactory.open(config.robot(), System::nanoTime);
  }

  private static ArmState trustedRead() throws Exception {
    try (RobotIo io = open(ca(pki), token(goodToken))) {
      return io.arm().read();
    }
  }

  private static void assertStill(ArmState before) throws Exception {
    ArmState after = trustedRead();
    assertThat(new double[] {after.xM(), after.yM(), after.zM(), after.gripperClosedness()})
        .containsExactly(
            new double[] {before.xM(), before.yM(), before.zM(), before.gripperClosedness()},
            within(1e-9));
  }

  /** Why a client's read and move were refused (the exceptions' messages). */
  private record Refusal(String read, String move) {}

  /**
   * Opens a client with {@code security} whose arm read and move are both refused; checks that the
   * arm is still where it was before.
   */
  private static Refusal refusedReadAndMove(Setting... security) throws Exception {
    ArmState before = trustedRead();
    Refusal refused;
    try (RobotIo io = open(security)) {
      refused = new Refusal(refusedRead(io), refusedMove(io));
    }
    assertStill(before);
    return refused;
  }

  private static String refusedRead(RobotIo io) {
    return catchThrowableOfType(ArmUnavailableException.class, () -> io.arm().read()).getMessage();
  }

  private static String refusedMove(RobotIo io) {
    return catchThrowableOfType(
            ArmUnavailableException.class,
            () -> io.arm().moveDelta(new Delta(0.02, 0, 0, 0, 0, 0, 0), MOVE_TIMEOUT))
        .getMessage();
  }

  private static Setting ca(TestPki authority) {
    return Setting.assignment("robot.bridge.tls.ca=" + authority.file("ca.pem"));
  }

  private static Setting token(Path file) {
    return Setting.assignment("robot.bridge.tokenFile=" + file);
  }

  private static Setting authority(String name) {
    return Setting.assignment("robot.bridge.tls.authority=" + name);
  }

  private static Path privateFile(String name, String text) throws IOException {
    Path file = Files.writeString(dir.resolve(name), text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
