package dev.latentmpc.deploy.server;

import dev.latentmpc.deploy.config.ServeConfig;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The operator API over real sockets for tests: the robot's IO opened and the backend assembled
 * from a configuration, an {@link OperatorServer} on a free port of 127.0.0.1 (2 s shutdown grace,
 * 1 s health probes) and a plaintext channel to it. {@link #close()} shuts the channel, then the
 * server (which stops the arm and closes the IO).
 */
final class OperatorApiFixture implements AutoCloseable {
  /** The assembled backend (its IO reads the arm directly). */
  final ControlBackend backend;

  /** The started server. */
  final OperatorServer server;

  /** A plaintext channel to the server. */
  final ManagedChannel channel;

  private OperatorApiFixture(
      ControlBackend backend, OperatorServer server, ManagedChannel channel) {
    this.backend = backend;
    this.server = server;
    this.channel = channel;
  }

  /** Opens the IO of {@code config}, assembles the backend and starts serving it. */
  static OperatorApiFixture start(ServeConfig config) throws IOException {
    RobotIo io = RobotIoFactory.open(config.robot(), System::nanoTime);
    ControlBackend backend = ControlBackend.assemble(config, io, System::nanoTime, "test");
    OperatorServer server =
        new OperatorServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                backend,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1))
            .start();
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", server.port(), InsecureChannelCredentials.create())
            .build();
    return new OperatorApiFixture(backend, server, channel);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }
}
