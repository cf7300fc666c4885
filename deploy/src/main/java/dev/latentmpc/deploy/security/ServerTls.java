package dev.latentmpc.deploy.security;

import dev.latentmpc.deploy.config.SecuritySettings;
import dev.latentmpc.deploy.config.SecuritySettings.TlsSettings;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Builds the operator API's transport and security interceptor from {@link SecuritySettings}. */
public final class ServerTls {
  private ServerTls() {}

  /** Returns TLS credentials (client certificates required when a client CA is set). */
  public static ServerCredentials credentials(TlsSettings tls) throws IOException {
    TlsServerCredentials.Builder b =
        TlsServerCredentials.newBuilder()
            .keyManager(tls.certChain().toFile(), tls.privateKey().toFile());
    if (tls.clientCa().isPresent()) {
      b.trustManager(tls.clientCa().get().toFile())
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return b.build();
  }

  /** Returns a Netty builder for {@code host:port}, with TLS when configured. */
  public static NettyServerBuilder builder(String host, int port, SecuritySettings security) {
    try {
      ServerCredentials creds =
          security.tls().isPresent()
              ? credentials(security.tls().get())
              : InsecureServerCredentials.create();
      return NettyServerBuilder.forAddress(new InetSocketAddress(host, port), creds);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the TLS certificate or key: " + e.getMessage(), e);
    }
  }

  /** Returns the security interceptor for the settings, auditing to {@code audit}. */
  public static SecurityInterceptor interceptor(
      SecuritySettings security, List<String> robotIds, AuditSink audit) {
    Optional<TokenStore> tokens = Optional.empty();
    if (security.auth() == SecuritySettings.AuthMode.TOKEN) {
      try {
        tokens = Optional.of(TokenStore.load(security.tokensFile().orElseThrow()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the token file: " + e.getMessage(), e);
      }
    }
    return new SecurityInterceptor(tokens, robotIds, audit, Clock.systemUTC(), security.leaseTtl());
  }
}
