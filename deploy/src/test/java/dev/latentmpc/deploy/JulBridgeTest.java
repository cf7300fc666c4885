package dev.latentmpc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** java.util.logging records (grpc-java's, Netty's) reach the service's SLF4J backend. */
class JulBridgeTest {

  @Test
  void julRecordsGoThroughSlf4jAndJulPrintsNothingItself() {
    JulBridge.install();
    JulBridge.install(); // idempotent

    assertThat(SLF4JBridgeHandler.isInstalled()).isTrue();
    assertThat(Logger.getLogger("").getHandlers())
        .singleElement()
        .isInstanceOf(SLF4JBridgeHandler.class);

    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      Logger.getLogger("io.grpc.internal.SerializingExecutor")
          .log(Level.SEVERE, "routed through SLF4J");
    } finally {
      System.setErr(original);
    }
    // slf4j-simple's format: "[thread] LEVEL logger - message".
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .endsWith("ERROR io.grpc.internal.SerializingExecutor - routed through SLF4J");
  }
}
