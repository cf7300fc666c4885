package dev.latentmpc.deploy.operator;

import dev.latentmpc.controller.rpc.BearerToken;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One gRPC channel (plaintext, or TLS/mTLS with {@code --tls-ca}, carrying {@code --token}) to the
 * operator API and the stubs over it, with a deadline per unary call. Closing shuts the channel
 * down (in-flight calls are cancelled after a second).
 */
final class OperatorConnection implements AutoCloseable {
  /** Inbound limit: heatmaps and server info are small, but leave room for thumbnails. */
  static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

  private static final Pattern ADDRESS =
      Pattern.compile("^(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9][A-Za-z0-9.\\-]*):(\\d{1,5})$");

  private final String address;
  private final ManagedChannel channel;
  private final Duration timeout;

  OperatorConnection(String address, ManagedChannel channel, Duration timeout) {
    this.address = Objects.requireNonNull(address, "address");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Opens a channel to {@code address}; nothing connects before the first call.
   *
   * @throws UsageException when the address is not {@code host:port}
   */
  static OperatorConnection open(ServerOptions options) {
    String address = options.server == null ? "" : options.server.trim();
    var m = ADDRESS.matcher(address);
    if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65_535) {
      throw new UsageException(
          "--server must be host:port with a port in [1, 65535] (e.g. 127.0.0.1:50051), got '"
              + address
              + "'");
    }
    Duration timeout = options.timeout();
    var builder =
        Grpc.newChannelBuilder(address, credentials(options))
            .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
            .userAgent("latent-mpc-operator");
    if (options.token != null && !options.token.isBlank()) {
      builder.intercept(BearerToken.interceptor(options.token.strip()));
    }
    ManagedChannel channel = builder.build();
    return new OperatorConnection(address, channel, timeout);
  }

  /** Plaintext without --tls-ca; TLS trusting that CA, with a client certificate for mTLS. */
  static ChannelCredentials credentials(ServerOptions options) {
    if ((options.tlsCert == null) != (options.tlsKey == null)) {
      throw new UsageException("--tls-cert and --tls-key go together");
    }
    if (options.tlsCa == null) {
      if (options.tlsCert != null) {
        throw new UsageException("--tls-cert/--tls-key need --tls-ca");
      }
      return InsecureChannelCredentials.create();
    }
    try {
      TlsChannelCredentials.Builder b =
          TlsChannelCredentials.newBuilder().trustManager(options.tlsCa.toFile());
      if (options.tlsCert != null) {
        b.keyManager(options.tlsCert.toFile(), options.tlsKey.toFile());
      }
      return b.build();
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot read the TLS files: " + e.getMessage());
    }
  }

  /** Returns the server address, for messages. */
  String address() {
    return address;
  }

  /** Returns a blocking stub whose calls carry the per-call deadline (from now). */
  ControlGrpc.ControlBlockingStub blocking() {
    return ControlGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Returns a blocking stub without a deadline, for the StartTask stream. */
  ControlGrpc.ControlBlockingStub streaming() {
    return ControlGrpc.newBlockingStub(channel);
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
        channel.shutdownNow();
        channel.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
