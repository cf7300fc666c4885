package dev.latentmpc.controller.bridge;

import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Explains a failed call whose cause is the channel's security rather than the bridge or the robot:
 * a refused token, a TLS handshake that failed and why, or a plaintext client talking to a TLS
 * bridge. gRPC reports the handshake failures as UNAVAILABLE with Netty's pipeline in the
 * description and the reason several causes deep; an operator needs the reason and the fix.
 */
final class SecurityFailures {
  /** What a plaintext client sees when the bridge serves TLS: the bridge drops the connection. */
  private static final String CLOSED_BY_PEER = "Network closed for unknown reason";

  private SecurityFailures() {}

  /**
   * Says what went wrong when the status is a security failure, or returns null.
   *
   * @param status the failed call's status
   * @param security the channel's settings
   * @param host the name the bridge's certificate must carry (the authority or the address' host)
   */
  static String explain(Status status, BridgeSecurity security, String host) {
    return switch (status.getCode()) {
      case UNAUTHENTICATED ->
          security
              .tokenFile()
              .map(f -> "the bridge refused the bearer token read from " + f)
              .orElse("the bridge requires a bearer token and this client has none configured");
      case PERMISSION_DENIED -> "the bridge does not let this client make the call";
      case UNAVAILABLE -> security.tls() ? handshake(status, security, host) : plaintext(status);
      default -> null;
    };
  }

  private static String handshake(Status status, BridgeSecurity security, String host) {
    Throwable ssl = find(status.getCause(), SSLException.class);
    if (ssl == null) {
      return null;
    }
    String prefix = "the TLS handshake failed: ";
    if (ssl instanceof NotSslRecordException) {
      return prefix
          + "the bridge answered in plaintext (it serves TLS only with a certificate set)";
    }
    Throwable root = root(ssl);
    if (find(ssl, CertPathValidatorException.class) != null) {
      return prefix
          + "the bridge's certificate does not chain to the trusted CA "
          + security.trustedCa().orElseThrow()
          + " ("
          + root.getMessage()
          + ")";
    }
    Throwable cert = find(ssl, CertificateException.class);
    if (cert != null && String.valueOf(cert.getMessage()).contains("subject alternative")) {
      return prefix
          + "the bridge's certificate does not name "
          + host
          + " (expect a name it carries instead, or give the bridge a certificate naming "
          + host
          + "; "
          + root.getMessage()
          + ")";
    }
    return prefix + root.getMessage();
  }

  private static String plaintext(Status status) {
    if (CLOSED_BY_PEER.equals(status.getDescription())) {
      return "the bridge closed the connection at once (if it serves TLS, trust its CA)";
    }
    return null;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static Throwable root(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }
}
