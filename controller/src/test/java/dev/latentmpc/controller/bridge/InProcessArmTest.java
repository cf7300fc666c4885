package dev.latentmpc.controller.bridge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests of an {@link ArmIOBridge} over a fresh {@link InProcessBridge} each: made before each test
 * (before the subclass's own set-up), closed after it. The arm stamps what it receives with a fixed
 * time.
 */
abstract class InProcessArmTest {
  private final long receivedNanos;

  InProcessBridge bridge;
  FakeRobotBridge fake;
  ArmIOBridge arm;

  /** The arm's receive clock always reads {@code receivedNanos}. */
  InProcessArmTest(long receivedNanos) {
    this.receivedNanos = receivedNanos;
  }

  @BeforeEach
  void startBridge() throws Exception {
    bridge = new InProcessBridge();
    fake = bridge.fake;
    arm = new ArmIOBridge(bridge.channel(), () -> receivedNanos);
  }

  @AfterEach
  void stopBridge() throws Exception {
    arm.close();
    bridge.close();
  }
}
