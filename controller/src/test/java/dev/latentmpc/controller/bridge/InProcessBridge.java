package dev.latentmpc.controller.bridge;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FakeRobotBridge} served in-process under a unique name, with {@link BridgeChannel}s to
 * it; closing shuts the server down.
 */
final class InProcessBridge implements AutoCloseable {
  /** The address the test configs name (only error messages use it in-process). */
  static final String ADDRESS = "bridge.test:50061";

  /** Short deadlines, so calls that run into them keep the tests fast. */
  static final BridgeClientConfig CONFIG =
      BridgeClientConfig.builder()
          .address(ADDRESS)
          .callDeadline(Duration.ofMillis(300))
          .moveMargin(Duration.ofMillis(200))
          .connectTimeout(Duration.ofMillis(100))
          .build();

  final FakeRobotBridge fake = new FakeRobotBridge();
  private final String name = InProcessServerBuilder.generateName();
  private final Server server;

  InProcessBridge() throws IOException {
    server = InProcessServerBuilder.forName(name).directExecutor().addService(fake).build().start();
  }

  /** A new channel to the fake, owned by the caller. */
  BridgeChannel channel() {
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return BridgeChannel.of(channel, CONFIG);
  }

  /** A new channel to the fake whose calls are metered on {@code registry}, owned by the caller. */
  BridgeChannel channel(MeterRegistry registry) {
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return BridgeChannel.of(channel, CONFIG, registry);
  }

  /** Takes the server away: later calls fail with UNAVAILABLE. */
  void stopServer() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    stopServer();
  }
}
