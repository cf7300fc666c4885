package dev.latentmpc.controller.rpc;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * The client side of bearer-token authentication, {@code authorization: Bearer <token>} on every
 * call: the service's operator API and the robot bridge both take it in this header.
 */
public final class BearerToken {
  /** The header the token travels in. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private BearerToken() {}

  /** Returns headers that carry {@code token}. */
  public static Metadata headers(String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return headers;
  }

  /** Returns an interceptor that adds {@code authorization: Bearer <token>} to every call. */
  public static ClientInterceptor interceptor(String token) {
    return MetadataUtils.newAttachHeadersInterceptor(headers(token));
  }
}
