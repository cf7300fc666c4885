package dev.latentmpc.deploy.config;

import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_ADDRESS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_CALL_DEADLINE_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_CONNECT_TIMEOUT_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_HEARTBEAT_TIMEOUT_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_MOVE_MARGIN_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_TLS_AUTHORITY;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_TLS_CA;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_TOKEN_FILE;

import dev.latentmpc.controller.bridge.BridgeClientConfig;
import dev.latentmpc.controller.bridge.BridgeSecurity;
import dev.latentmpc.controller.bridge.BridgeToken;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads and validates the {@code robot.bridge.*} keys: the bridge client's address, deadlines and
 * security. The CA and token files are read here as the channel will read them, so a file it would
 * refuse stops the service before it starts, with the key in the message.
 */
final class BridgeReader {
  private BridgeReader() {}

  static BridgeClientConfig read(SettingsReader r) {
    BridgeClientConfig d = BridgeClientConfig.defaults();
    BridgeClientConfig.Builder b = d.toBuilder();
    String address = r.text(ROBOT_BRIDGE_ADDRESS, d.address());
    try {
      b.address(address).build();
    } catch (IllegalArgumentException e) {
      r.error(ROBOT_BRIDGE_ADDRESS, e.getMessage().replace("invalid BridgeClientConfig: ", ""));
      b.address(d.address());
    }
    b.callDeadline(r.millis(ROBOT_BRIDGE_CALL_DEADLINE_MS, d.callDeadline(), 60_000))
        .moveMargin(r.millis(ROBOT_BRIDGE_MOVE_MARGIN_MS, d.moveMargin(), 60_000))
        .connectTimeout(r.millis(ROBOT_BRIDGE_CONNECT_TIMEOUT_MS, d.connectTimeout(), 60_000))
        .heartbeatTimeout(heartbeat(r, d.heartbeatTimeout()))
        .security(security(r));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      r.errors().add("robot.bridge: " + e.getMessage());
      return d;
    }
  }

  /** {@code robot.bridge.heartbeatTimeoutMs}: 0 (off) or the protocol's range. */
  private static Duration heartbeat(SettingsReader r, Duration fallback) {
    long min = BridgeClientConfig.MIN_HEARTBEAT_TIMEOUT.toMillis();
    long max = BridgeClientConfig.MAX_HEARTBEAT_TIMEOUT.toMillis();
    long ms = r.longValue(ROBOT_BRIDGE_HEARTBEAT_TIMEOUT_MS, fallback.toMillis(), 0, max);
    if (ms != 0 && ms < min) {
      r.error(
          ROBOT_BRIDGE_HEARTBEAT_TIMEOUT_MS, "must be 0 (off) or in [" + min + ", " + max + "]");
      return fallback;
    }
    return Duration.ofMillis(ms);
  }

  /**
   * {@code robot.bridge.tls.ca} (TLS on when set), {@code robot.bridge.tls.authority} (only with
   * it) and {@code robot.bridge.tokenFile}; {@code none} stands for unset, as {@code serve --check}
   * prints it.
   */
  private static BridgeSecurity security(SettingsReader r) {
    Optional<Path> ca = Optional.ofNullable(SecurityReader.optionalPath(r, ROBOT_BRIDGE_TLS_CA));
    Optional<String> authority = authority(r, ca.isPresent());
    Optional<Path> token =
        Optional.ofNullable(SecurityReader.optionalPath(r, ROBOT_BRIDGE_TOKEN_FILE));
    if (ca.isPresent()) {
      try {
        new BridgeSecurity(ca, Optional.empty(), Optional.empty()).check();
      } catch (IOException | IllegalArgumentException e) {
        r.error(ROBOT_BRIDGE_TLS_CA, "cannot be used: " + e.getMessage());
      }
    }
    if (token.isPresent()) {
      try {
        BridgeToken.read(token.get());
      } catch (IOException | IllegalArgumentException e) {
        r.error(ROBOT_BRIDGE_TOKEN_FILE, "cannot be used: " + e.getMessage());
      }
    }
    return new BridgeSecurity(ca, authority, token);
  }

  private static Optional<String> authority(SettingsReader r, boolean tls) {
    String text = r.text(ROBOT_BRIDGE_TLS_AUTHORITY, "none");
    if (text.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    String problem = BridgeSecurity.authorityProblem(text);
    if (problem != null) {
      r.error(ROBOT_BRIDGE_TLS_AUTHORITY, problem);
      return Optional.empty();
    }
    if (!tls) {
      r.error(
          ROBOT_BRIDGE_TLS_AUTHORITY,
          "is the name on the bridge's TLS certificate: it needs robot.bridge.tls.ca");
      return Optional.empty();
    }
    return Optional.of(text);
  }
}
