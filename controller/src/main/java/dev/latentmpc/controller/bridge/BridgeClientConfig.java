package dev.latentmpc.controller.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Immutable, validated settings of a robot-bridge client ({@link BridgeChannel}, {@link
 * ArmIOBridge}, {@link CameraIOBridge}); build with {@link #builder()}.
 *
 * <p>Defaults: the sim bridge's address {@code 127.0.0.1:50061} ({@code latent-mpc sim serve}); 1 s
 * per call (GetState, Stop, GetFrame); a move's deadline is its timeout plus a 1 s margin (so the
 * bridge's own timeout fires first and it stops the arm and says so); 500 ms to (re)connect when no
 * connection is ready; HTTP/2 keep-alive pings after 30 s without traffic during a call; the
 * bridge's watchdog armed with a 1 s timeout while a task commands the arm; plaintext without a
 * token ({@link BridgeSecurity#plaintext()}).
 *
 * <p>A call blocks at most its deadline, connection wait included: the wait for a connection comes
 * out of the deadline (for a move, out of the margin), hence {@code connectTimeout} may not exceed
 * {@code callDeadline} or {@code moveMargin}.
 *
 * @param address the bridge as {@code host:port} (an IPv6 host in brackets: {@code [::1]:50061})
 * @param callDeadline deadline of GetState, Stop and GetFrame; positive
 * @param moveMargin added to a move's timeout to give its gRPC deadline; positive
 * @param connectTimeout longest wait for a connection when none is ready (also the TCP connect
 *     timeout); positive, at most {@code callDeadline} and {@code moveMargin}
 * @param keepAliveTime idle time on a connection with a call in flight before a keep-alive ping; at
 *     least 10 s (gRPC's floor; bridge servers refuse more frequent pings by default)
 * @param heartbeatTimeout the bridge stops the arm by itself when no heartbeat or move from this
 *     client reached it for this long while a task commands the arm (see {@link ArmIOBridge}); zero
 *     sends no heartbeats; else in [{@link #MIN_HEARTBEAT_TIMEOUT}, 60 s]
 * @param security TLS and bearer token of the channel (files read when it opens)
 */
public record BridgeClientConfig(
    String address,
    Duration callDeadline,
    Duration moveMargin,
    Duration connectTimeout,
    Duration keepAliveTime,
    Duration heartbeatTimeout,
    BridgeSecurity security) {

  /** Port of {@code latent-mpc sim serve} when none is given. */
  public static final int DEFAULT_SIM_PORT = 50061;

  /** Smallest accepted {@link #keepAliveTime()}: gRPC raises anything shorter to this. */
  public static final Duration MIN_KEEP_ALIVE_TIME = Duration.ofSeconds(10);

  /** Shortest non-zero {@link #heartbeatTimeout()}: heartbeats go out four times per timeout. */
  public static final Duration MIN_HEARTBEAT_TIMEOUT = Duration.ofMillis(40);

  /** Longest {@link #heartbeatTimeout()} (the protocol's {@code timeout_ms} bound). */
  public static final Duration MAX_HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration MAX_DURATION = Duration.ofDays(1);

  /** Validates every field, reporting all problems at once. */
  public BridgeClientConfig {
    List<String> errors = new ArrayList<>();
    String addressError = HostPort.problem(address);
    if (addressError != null) {
      errors.add(addressError);
    }
    positive(errors, "callDeadline", callDeadline);
    positive(errors, "moveMargin", moveMargin);
    positive(errors, "connectTimeout", connectTimeout);
    positive(errors, "keepAliveTime", keepAliveTime);
    if (keepAliveTime != null && keepAliveTime.compareTo(MIN_KEEP_ALIVE_TIME) < 0) {
      errors.add(
          "keepAliveTime must be at least " + MIN_KEEP_ALIVE_TIME + ", got " + keepAliveTime);
    }
    notLonger(errors, connectTimeout, "callDeadline", callDeadline);
    notLonger(errors, connectTimeout, "moveMargin", moveMargin);
    if (heartbeatTimeout == null) {
      errors.add("heartbeatTimeout must be set");
    } else if (!heartbeatTimeout.isZero()
        && (heartbeatTimeout.compareTo(MIN_HEARTBEAT_TIMEOUT) < 0
            || heartbeatTimeout.compareTo(MAX_HEARTBEAT_TIMEOUT) > 0)) {
      errors.add(
          "heartbeatTimeout must be 0 (no heartbeats) or in ["
              + MIN_HEARTBEAT_TIMEOUT.toMillis()
              + " ms, 60 s], got "
              + heartbeatTimeout);
    }
    if (security == null) {
      errors.add("security must be set (BridgeSecurity.plaintext() for none)");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid BridgeClientConfig: " + String.join("; ", errors));
    }
  }

  private static void positive(List<String> errors, String name, Duration value) {
    if (value == null) {
      errors.add(name + " must be set");
    } else if (value.isNegative() || value.isZero()) {
      errors.add(name + " must be positive, got " + value);
    } else if (value.compareTo(MAX_DURATION) > 0) {
      errors.add(name + " must be at most a day, got " + value);
    }
  }

  private static void notLonger(
      List<String> errors, Duration connectTimeout, String name, Duration bound) {
    if (connectTimeout != null && bound != null && connectTimeout.compareTo(bound) > 0) {
      errors.add(
          "connectTimeout ("
              + connectTimeout
              + ") must not exceed "
              + name
              + " ("
              + bound
              + "): the connection wait is part of the call's deadline");
    }
  }

  /** How often a heartbeat goes out: a quarter of {@link #heartbeatTimeout()}. */
  public Duration heartbeatPeriod() {
    return heartbeatTimeout.dividedBy(4);
  }

  /** The host part of {@link #address()}, without IPv6 brackets. */
  public String host() {
    return HostPort.parse(address).host();
  }

  /** The port part of {@link #address()}. */
  public int port() {
    return HostPort.parse(address).port();
  }

  /** Returns the defaults described in the class documentation. */
  public static BridgeClientConfig defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder()
        .address(address)
        .callDeadline(callDeadline)
        .moveMargin(moveMargin)
        .connectTimeout(connectTimeout)
        .keepAliveTime(keepAliveTime)
        .heartbeatTimeout(heartbeatTimeout)
        .security(security);
  }

  /** Mutable builder of {@link BridgeClientConfig}, starting from the defaults. */
  public static final class Builder {
    private String address = "127.0.0.1:" + DEFAULT_SIM_PORT;
    private Duration callDeadline = Duration.ofSeconds(1);
    private Duration moveMargin = Duration.ofSeconds(1);
    private Duration connectTimeout = Duration.ofMillis(500);
    private Duration keepAliveTime = Duration.ofSeconds(30);
    private Duration heartbeatTimeout = Duration.ofSeconds(1);
    private BridgeSecurity security = BridgeSecurity.plaintext();

    private Builder() {}

    /** Sets {@link BridgeClientConfig#address()}. */
    public Builder address(String value) {
      address = value;
      return this;
    }

    /** Sets {@link BridgeClientConfig#callDeadline()}. */
    public Builder callDeadline(Duration value) {
      callDeadline = value;
      return this;
    }

    /** Sets {@link BridgeClientConfig#moveMargin()}. */
    public Builder moveMargin(Duration value) {
      moveMargin = value;
      return this;
    }

    /** Sets {@link BridgeClientConfig#connectTimeout()}. */
    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    /** Sets {@link BridgeClientConfig#keepAliveTime()}. */
    public Builder keepAliveTime(Duration value) {
      keepAliveTime = value;
      return this;
    }

    /** Sets {@link BridgeClientConfig#heartbeatTimeout()} (zero: no heartbeats). */
    public Builder heartbeatTimeout(Duration value) {
      heartbeatTimeout = value;
      return this;
    }

    /** Sets {@link BridgeClientConfig#security()}. */
    public Builder security(BridgeSecurity value) {
      security = value;
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException naming every invalid field
     */
    public BridgeClientConfig build() {
      return new BridgeClientConfig(
          address,
          callDeadline,
          moveMargin,
          connectTimeout,
          keepAliveTime,
          heartbeatTimeout,
          security);
    }
  }
}
