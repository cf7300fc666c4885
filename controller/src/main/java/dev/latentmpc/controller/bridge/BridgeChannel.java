package dev.latentmpc.controller.bridge;

import dev.latentmpc.controller.metrics.BridgeCallMetrics;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gRPC connection to a robot bridge ({@code latentmpc.bridge.v1.RobotBridge}, served by {@code
 * latent-mpc sim serve} or a real Franka bridge): owns the {@link ManagedChannel}, its settings and
 * its shutdown.
 *
 * <p><b>Transport and authentication</b> follow {@link BridgeClientConfig#security()}: {@link
 * #open(BridgeClientConfig)} speaks HTTP/2 over Netty, in TLS trusting the configured CA only
 * (checking that the bridge's certificate names the address' host, or the configured authority),
 * else in plaintext; with a token file every call carries {@code authorization: Bearer <token>}
 * (read once, here; never logged). {@link #open(BridgeClientConfig, ChannelCredentials)} takes
 * other transport credentials (the token and authority still apply). {@link #of} wraps an existing
 * channel (an in-process one in tests).
 *
 * <p><b>Reconnects</b> are left to gRPC's channel: after a connection is lost it goes IDLE and the
 * next call connects again; a failed attempt puts it in TRANSIENT_FAILURE with exponential backoff
 * (1 s, ×1.6, up to 2 min). Calls never wait for the channel to become ready (gRPC's default {@code
 * waitForReady(false)}): while the bridge is down they fail at once with UNAVAILABLE. So that a
 * bridge that comes back is used by the very next call rather than after the backoff (up to two
 * minutes), every call first gives a connection that is not ready a bounded chance through {@link
 * #awaitConnection(Duration)}.
 *
 * <p><b>Keep-alive</b>: HTTP/2 pings after {@link BridgeClientConfig#keepAliveTime()} without
 * traffic while a call is in flight (a long blocking move), so a dead peer is noticed before the
 * deadline; never on an idle connection, which gRPC servers punish by default ({@code
 * too_many_pings}). Inbound messages may be up to {@value #MAX_INBOUND_MESSAGE_BYTES} bytes: a raw
 * 4K RGB frame fits.
 *
 * <p><b>Metrics</b>: given a {@link MeterRegistry}, every call is timed and failures are counted by
 * a {@link BridgeCallMetrics} interceptor ({@code latentmpc.bridge.call}, {@code
 * latentmpc.bridge.errors}).
 *
 * <p>Thread-safe. Clients built on it ({@link ArmIOBridge}, {@link CameraIOBridge}) own it and
 * close it; give each client its own channel.
 */
public final class BridgeChannel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeChannel.class);

  /** Largest accepted inbound message: 32 MiB, above a raw 3840×2160 RGB frame (24.9 MB). */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 32 * 1024 * 1024;

  /** How long an unanswered keep-alive ping may stay unanswered before the connection is closed. */
  public static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(10);

  private final ManagedChannel channel;
  private final Channel calls;
  private final BridgeClientConfig config;

  private BridgeChannel(ManagedChannel channel, BridgeClientConfig config, MeterRegistry registry) {
    this.channel = Objects.requireNonNull(channel, "channel is null");
    this.config = Objects.requireNonNull(config, "config is null");
    this.calls =
        registry == null
            ? channel
            : ClientInterceptors.intercept(
                channel, new BridgeCallMetrics(registry, RobotBridgeGrpc.getServiceDescriptor()));
  }

  /**
   * Opens a channel to {@link BridgeClientConfig#address()} with the configured security. Nothing
   * connects until the first call.
   *
   * @param config address, deadlines, timeouts and security
   * @return the channel
   * @throws UncheckedIOException when the CA or token file cannot be read
   * @throws IllegalArgumentException when one of them is unusable (the message says why)
   */
  public static BridgeChannel open(BridgeClientConfig config) {
    return newChannel(config, credentials(config), null);
  }

  /**
   * Opens a channel with the configured security whose calls are timed and counted on {@code
   * registry}.
   *
   * @param config address, deadlines, timeouts and security
   * @param registry where the call meters live
   * @return the channel
   * @throws UncheckedIOException when the CA or token file cannot be read
   * @throws IllegalArgumentException when one of them is unusable (the message says why)
   */
  public static BridgeChannel open(BridgeClientConfig config, MeterRegistry registry) {
    return newChannel(
        config, credentials(config), Objects.requireNonNull(registry, "registry is null"));
  }

  /**
   * Opens a channel with the given transport security instead of the configured CA; the configured
   * token and authority still apply.
   *
   * @param config address, deadlines and timeouts
   * @param credentials transport security; {@link InsecureChannelCredentials} for plaintext
   * @return the channel
   */
  public static BridgeChannel open(BridgeClientConfig config, ChannelCredentials credentials) {
    return newChannel(config, credentials, null);
  }

  /**
   * Opens a channel with the given transport security whose calls are timed and counted on {@code
   * registry}.
   *
   * @param config address, deadlines and timeouts
   * @param credentials transport security; {@link InsecureChannelCredentials} for plaintext
   * @param registry where the call meters live
   * @return the channel
   */
  public static BridgeChannel open(
      BridgeClientConfig config, ChannelCredentials credentials, MeterRegistry registry) {
    return newChannel(config, credentials, Objects.requireNonNull(registry, "registry is null"));
  }

  private static ChannelCredentials credentials(BridgeClientConfig config) {
    Objects.requireNonNull(config, "config is null");
    try {
      return config.security().channelCredentials();
    } catch (IOException e) {
      throw unreadable("the CA trusted", config, e);
    }
  }

  private static BridgeChannel newChannel(
      BridgeClientConfig config, ChannelCredentials credentials, MeterRegistry registry) {
    Objects.requireNonNull(config, "config is null");
    Objects.requireNonNull(credentials, "credentials is null");
    BridgeSecurity security = config.security();
    Optional<ClientInterceptor> bearer = bearer(config);
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(config.host(), config.port(), credentials)
            .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis(config))
            .keepAliveTime(config.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
            .keepAliveTimeout(KEEP_ALIVE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)
            .keepAliveWithoutCalls(false)
            .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
            .userAgent("latent-mpc");
    security.authority().ifPresent(builder::overrideAuthority);
    bearer.ifPresent(builder::intercept);
    if (bearer.isPresent() && credentials instanceof InsecureChannelCredentials) {
      LOG.warn(
          "the bearer token for the robot bridge at {} travels unencrypted: trust the bridge's CA"
              + " to use TLS",
          config.address());
    }
    return new BridgeChannel(builder.build(), config, registry);
  }

  /** The bearer-token interceptor when a token file is configured; reads the file. */
  private static Optional<ClientInterceptor> bearer(BridgeClientConfig config) {
    Optional<Path> file = config.security().tokenFile();
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(BridgeToken.interceptor(BridgeToken.read(file.get())));
    } catch (IOException e) {
      throw unreadable("the token", config, e);
    }
  }

  /** The error for a security file of the bridge's configuration that cannot be read. */
  private static UncheckedIOException unreadable(
      String what, BridgeClientConfig config, IOException e) {
    return new UncheckedIOException(
        "cannot read "
            + what
            + " for the robot bridge at "
            + config.address()
            + ": "
            + e.getMessage(),
        e);
  }

  /**
   * Wraps an existing channel (the test seam, e.g. an in-process channel); the result owns it.
   *
   * @param channel the channel to the bridge
   * @param config deadlines and timeouts; its address names the bridge in error messages
   * @return the wrapper
   */
  public static BridgeChannel of(ManagedChannel channel, BridgeClientConfig config) {
    return new BridgeChannel(channel, config, null);
  }

  /**
   * Wraps an existing channel whose calls are timed and counted on {@code registry}.
   *
   * @param channel the channel to the bridge
   * @param config deadlines and timeouts; its address names the bridge in error messages
   * @param registry where the call meters live
   * @return the wrapper
   */
  public static BridgeChannel of(
      ManagedChannel channel, BridgeClientConfig config, MeterRegistry registry) {
    return new BridgeChannel(channel, config, Objects.requireNonNull(registry, "registry is null"));
  }

  private static int connectTimeoutMillis(BridgeClientConfig config) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
  }

  /** The settings this channel was opened with. */
  public BridgeClientConfig config() {
    return config;
  }

  /** The bridge's address, for messages. */
  public String address() {
    return config.address();
  }

  /** The channel for stubs: the underlying one, behind the metrics interceptor if any. */
  Channel channel() {
    return calls;
  }

  /**
   * Gives a connection that is not ready up to {@code budget} to become ready; returns at once when
   * it is READY (the normal case) or shut down.
   *
   * <p>IDLE starts a connection. TRANSIENT_FAILURE (a failed attempt, the channel backing off)
   * starts a fresh one now: the channel re-enters IDLE and connects again, which also drops the
   * backoff. Merely resetting the backoff would not do, because the channel keeps reporting
   * TRANSIENT_FAILURE until an attempt succeeds, hiding a refused attempt until the budget ran out;
   * after IDLE an attempt's outcome is visible at once (READY or TRANSIENT_FAILURE). The replaced
   * connection attempt is released by gRPC after 5 s.
   *
   * @param budget the longest wait
   * @return the state reached (READY, or what the connection was in when the wait ended)
   * @throws InterruptedException when interrupted while waiting
   */
  public ConnectivityState awaitConnection(Duration budget) throws InterruptedException {
    ConnectivityState state = channel.getState(true);
    if (state == ConnectivityState.TRANSIENT_FAILURE) {
      channel.enterIdle();
      state = channel.getState(true);
    }
    long endNanos = System.nanoTime() + budget.toNanos();
    while (state == ConnectivityState.IDLE || state == ConnectivityState.CONNECTING) {
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      long leftNanos = endNanos - System.nanoTime();
      if (leftNanos <= 0 || !changed.await(leftNanos, TimeUnit.NANOSECONDS)) {
        return channel.getState(false);
      }
      state = channel.getState(true);
    }
    return state;
  }

  /**
   * Shuts the channel down now and waits up to {@link BridgeClientConfig#callDeadline()} for it to
   * terminate. Calls still in flight are cancelled (a bridge stops a cancelled motion; {@link
   * ArmIOBridge#close()} has sent its Stop before). A graceful shutdown would gain nothing here and
   * would wait out the 5 s for which gRPC keeps the connection that {@link #awaitConnection}
   * replaced. Idempotent; never throws.
   */
  @Override
  public void close() {
    channel.shutdownNow();
    try {
      if (!channel.awaitTermination(config.callDeadline().toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn("the channel to the bridge at {} did not terminate in time", address());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
