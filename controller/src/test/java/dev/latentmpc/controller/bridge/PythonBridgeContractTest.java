package dev.latentmpc.controller.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmIOContractTest;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.testing.PythonBridge;
import dev.latentmpc.controller.testing.PythonBridgeConfig;
import dev.latentmpc.worldmodel.StateConvention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ArmIO contract on {@link ArmIOBridge} over the Python bridge ({@code franka-bridge/}) started
 * as a subprocess, once per driver: real gRPC on loopback to another process. Each test gets its
 * own client; a second client is the independent observer. The arm is slowed so that a 10 cm move
 * takes well over two seconds. Skipped, with the reason, where Debian's Python gRPC packages are
 * missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PythonBridgeContractTest extends ArmIOContractTest {
  /** 4 cm/s: the kit's 10 cm move takes 2.5 s. */
  static final double SLOW_SPEED_MPS = 0.04;

  private PythonBridge bridge;
  private ArmIOBridge observer;

  /** The configuration of the bridge under test. */
  abstract PythonBridgeConfig config();

  @BeforeAll
  void startBridge(@TempDir Path workDir) throws Exception {
    Optional<String> missing = PythonBridge.unavailableReason();
    assumeTrue(missing.isEmpty(), () -> "the Python bridge cannot run here: " + missing.get());
    bridge = PythonBridge.start(config(), workDir);
    observer = ArmIOBridge.connect(clientConfig(), System::nanoTime);
  }

  @AfterAll
  void stopBridge() throws Exception {
    if (observer != null) {
      observer.close();
    }
    if (bridge != null) {
      int status = bridge.terminate();
      assertThat(status).as("exit status after SIGTERM; log:%n%s", bridge.log()).isZero();
    }
  }

  private BridgeClientConfig clientConfig() {
    return BridgeClientConfig.builder()
        .address(bridge.address())
        .callDeadline(Duration.ofSeconds(5))
        .moveMargin(Duration.ofSeconds(5))
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  @Override
  protected ArmIO createArm() {
    return ArmIOBridge.connect(clientConfig(), System::nanoTime);
  }

  @Override
  protected ArmState observe() throws Exception {
    return observer.read();
  }

  /** 10 cm along y towards the middle of the workspace. */
  @Override
  protected Delta slowMove(ArmState from) {
    return new Delta(0, from.yM() > 0 ? -0.1 : 0.1, 0, 0, 0, 0, 0);
  }

  @Override
  protected StateConvention expectedConvention() {
    return config().state();
  }
}
