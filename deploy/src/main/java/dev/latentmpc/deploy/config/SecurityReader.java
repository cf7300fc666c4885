package dev.latentmpc.deploy.config;

import static dev.latentmpc.deploy.config.ConfigKeys.API_HOST;
import static dev.latentmpc.deploy.config.ConfigKeys.SECURITY_ALLOW_UNAUTHENTICATED_REMOTE;
import static dev.latentmpc.deploy.config.ConfigKeys.SECURITY_AUTH;
import static dev.latentmpc.deploy.config.ConfigKeys.SECURITY_LEASE_SECONDS;
import static dev.latentmpc.deploy.config.ConfigKeys.SECURITY_TLS_CERT_CHAIN;
import static dev.latentmpc.deploy.config.ConfigKeys.SECURITY_TLS_CLIENT_CA;
import static dev.latentmpc.deploy.config.ConfigKeys.SECURITY_TLS_PRIVATE_KEY;
import static dev.latentmpc.deploy.config.ConfigKeys.SECURITY_TOKENS_FILE;

import dev.latentmpc.deploy.config.SecuritySettings.AuthMode;
import dev.latentmpc.deploy.config.SecuritySettings.TlsSettings;
import dev.latentmpc.deploy.security.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Reads and validates the {@code security.*} keys. */
final class SecurityReader {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

  private SecurityReader() {}

  static SecuritySettings read(SettingsReader r, String apiHost) {
    AuthMode auth = r.choice(SECURITY_AUTH, AuthMode.NONE, AuthMode.class);
    Optional<Path> tokens = Optional.ofNullable(optionalPath(r, SECURITY_TOKENS_FILE));
    boolean allowRemote = r.bool(SECURITY_ALLOW_UNAUTHENTICATED_REMOTE, false);
    if (auth == AuthMode.TOKEN) {
      if (tokens.isEmpty()) {
        r.error(SECURITY_TOKENS_FILE, "is required with security.auth=token");
        auth = AuthMode.NONE;
      } else {
        try {
          TokenStore.load(tokens.get());
        } catch (IOException | IllegalArgumentException e) {
          r.error(SECURITY_TOKENS_FILE, "cannot be used: " + e.getMessage());
        }
      }
    } else {
      if (tokens.isPresent()) {
        r.error(SECURITY_TOKENS_FILE, "is only used with security.auth=token");
        tokens = Optional.empty();
      }
      if (!LOOPBACK.contains(apiHost) && !allowRemote) {
        r.error(
            API_HOST,
            apiHost
                + " is not a loopback address and security.auth is none: anyone on the network"
                + " could command the arm; set security.auth=token (with security.tokensFile), or"
                + " security.allowUnauthenticatedRemote=true behind a trusted boundary");
      }
    }
    Path cert = optionalPath(r, SECURITY_TLS_CERT_CHAIN);
    Path key = optionalPath(r, SECURITY_TLS_PRIVATE_KEY);
    Path clientCa = optionalPath(r, SECURITY_TLS_CLIENT_CA);
    Optional<TlsSettings> tls = Optional.empty();
    if (cert == null && key == null) {
      if (clientCa != null) {
        r.error(SECURITY_TLS_CLIENT_CA, "needs security.tls.certChain and security.tls.privateKey");
      }
    } else if (cert == null || key == null) {
      r.error(
          cert == null ? SECURITY_TLS_CERT_CHAIN : SECURITY_TLS_PRIVATE_KEY,
          "is required when the other of security.tls.certChain/privateKey is set");
    } else {
      boolean ok = readable(r, SECURITY_TLS_CERT_CHAIN, cert);
      ok &= readable(r, SECURITY_TLS_PRIVATE_KEY, key);
      ok &= clientCa == null || readable(r, SECURITY_TLS_CLIENT_CA, clientCa);
      if (ok) {
        tls = Optional.of(new TlsSettings(cert, key, Optional.ofNullable(clientCa)));
      }
    }
    Duration leaseTtl = Duration.ofSeconds(r.longValue(SECURITY_LEASE_SECONDS, 0, 0, 86_400));
    return new SecuritySettings(auth, tokens, tls, allowRemote, leaseTtl);
  }

  /** A path, or null when unset or {@code none} (how the effective config shows an unset one). */
  static Path optionalPath(SettingsReader r, String key) {
    Optional<Setting> raw = r.raw(key);
    if (raw.isPresent() && raw.get().value().asText().strip().equalsIgnoreCase("none")) {
      return null;
    }
    return r.path(key, null);
  }

  private static boolean readable(SettingsReader r, String key, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      r.error(key, "no readable file at " + file);
      return false;
    }
    return true;
  }
}
