package dev.latentmpc.deploy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Authentication and transport security of the operator API.
 *
 * @param auth {@code none} (every caller is the anonymous operator) or {@code token} (bearer tokens
 *     from {@code tokensFile})
 * @param tokensFile the token file ({@code role name sha256-hex} per line); present iff auth is
 *     token
 * @param tls the server certificate (and client CA for mTLS); empty serves plaintext
 * @param allowUnauthenticatedRemote lets {@code auth: none} bind a non-loopback host (containers
 *     behind a trusted network boundary only)
 * @param leaseTtl how long an operator keeps the robot's lease after its last StartTask stream
 *     ended, counted from its last command on that robot; zero releases it when the stream ends
 */
public record SecuritySettings(
    AuthMode auth,
    Optional<Path> tokensFile,
    Optional<TlsSettings> tls,
    boolean allowUnauthenticatedRemote,
    Duration leaseTtl) {

  /** How callers authenticate. */
  public enum AuthMode {
    /** No authentication: every caller is the anonymous operator. */
    NONE,
    /** {@code authorization: Bearer <token>} checked against the token file. */
    TOKEN
  }

  /**
   * The server's TLS material (PEM files).
   *
   * @param certChain the server certificate chain
   * @param privateKey the server's private key (PKCS#8)
   * @param clientCa when present, clients must present a certificate signed by it (mTLS)
   */
  public record TlsSettings(Path certChain, Path privateKey, Optional<Path> clientCa) {
    /** Checks that nothing is null. */
    public TlsSettings {
      Objects.requireNonNull(certChain, "certChain");
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(clientCa, "clientCa");
    }
  }

  /** Plaintext, no authentication (the default). */
  public static SecuritySettings none() {
    return new SecuritySettings(
        AuthMode.NONE, Optional.empty(), Optional.empty(), false, Duration.ZERO);
  }

  /** Checks the values. */
  public SecuritySettings {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(tokensFile, "tokensFile");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    if (leaseTtl.isNegative()) {
      throw new IllegalArgumentException("leaseTtl must not be negative, got " + leaseTtl);
    }
    if ((auth == AuthMode.TOKEN) != tokensFile.isPresent()) {
      throw new IllegalArgumentException("tokensFile is required with auth=token, only then");
    }
  }
}
