package dev.latentmpc.controller.bridge;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * How a bridge client proves who it talks to and who it is: TLS trusting one CA, an optional server
 * name to expect instead of the address' host, and an optional bearer token file. The record holds
 * paths only; the files are read when a channel opens (and by {@link #check()} when a configuration
 * is validated), so a token never sits in a configuration object or a log line.
 *
 * <p>Matches the Python bridge's {@code [security]} section (franka-bridge/README.md): {@code
 * tls_cert}/{@code tls_key} serve TLS, and {@code token_file} requires {@code authorization: Bearer
 * <token>}. That bridge asks for no client certificate, so there is no mutual TLS here.
 *
 * @param trustedCa PEM file of the CA (or the self-signed certificate) that the bridge's
 *     certificate must chain to; present switches TLS on, empty is plaintext
 * @param authority the name the bridge's certificate must carry, when it differs from the address'
 *     host (e.g. a certificate for {@code franka-pc} reached at {@code 172.16.0.10}); only with TLS
 * @param tokenFile file holding the bearer token sent on every call (see {@link BridgeToken})
 */
public record BridgeSecurity(
    Optional<Path> trustedCa, Optional<String> authority, Optional<Path> tokenFile) {

  private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]{0,252}");

  /** Checks the combination; files are not read here. */
  public BridgeSecurity {
    Objects.requireNonNull(trustedCa, "trustedCa is null");
    Objects.requireNonNull(authority, "authority is null");
    Objects.requireNonNull(tokenFile, "tokenFile is null");
    if (authority.isPresent()) {
      if (trustedCa.isEmpty()) {
        throw new IllegalArgumentException(
            "an expected server name (authority) only applies with TLS: set the trusted CA too");
      }
      String problem = authorityProblem(authority.get());
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
  }

  /** Plaintext, no token: the default, for a bridge on loopback or an isolated robot network. */
  public static BridgeSecurity plaintext() {
    return new BridgeSecurity(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * What is wrong with an expected server name, or null when it is a DNS name or IPv4 address.
   *
   * @param authority the name to check
   * @return the problem, or null
   */
  public static String authorityProblem(String authority) {
    if (authority == null || !AUTHORITY.matcher(authority).matches()) {
      return "the expected server name must be a DNS name or IPv4 address without a port"
          + " (e.g. franka-pc.lab or 172.16.0.10), got '"
          + authority
          + "'";
    }
    return null;
  }

  /** Whether the channel speaks TLS. */
  public boolean tls() {
    return trustedCa.isPresent();
  }

  /**
   * Reads every file the settings name, as opening a channel will: the CA must hold at least one
   * PEM certificate, the token file one token and no permission for others.
   *
   * @throws IOException when a file cannot be read
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public void check() throws IOException {
    if (trustedCa.isPresent()) {
      checkCa(trustedCa.get());
    }
    if (tokenFile.isPresent()) {
      BridgeToken.read(tokenFile.get());
    }
  }

  /**
   * The channel's transport credentials: TLS trusting {@link #trustedCa()} only (not the JDK's
   * default CAs: a lab CA signs a robot bridge), else plaintext.
   *
   * @throws IOException when the CA file cannot be read
   * @throws IllegalArgumentException when it holds no certificate
   */
  ChannelCredentials channelCredentials() throws IOException {
    if (trustedCa.isEmpty()) {
      return InsecureChannelCredentials.create();
    }
    checkCa(trustedCa.get());
    return TlsChannelCredentials.newBuilder().trustManager(trustedCa.get().toFile()).build();
  }

  /**
   * Parses the CA file with the same Netty code that the channel's TLS handshake will use, so a
   * file it would refuse is refused here, with its name.
   */
  private static void checkCa(Path ca) throws IOException {
    if (!Files.isRegularFile(ca) || !Files.isReadable(ca)) {
      throw new IOException("no readable file at " + ca);
    }
    try {
      SslContext unused = GrpcSslContexts.forClient().trustManager(ca.toFile()).build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          ca + " holds no usable PEM certificate (" + rootMessage(e) + ")", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Describes the settings for logs: which CA, which name, whether a token goes along. */
  @Override
  public String toString() {
    String transport =
        tls()
            ? "TLS trusting " + trustedCa.get() + authority.map(a -> " as " + a).orElse("")
            : "plaintext";
    return transport + tokenFile.map(f -> ", bearer token from " + f).orElse(", no token");
  }
}
