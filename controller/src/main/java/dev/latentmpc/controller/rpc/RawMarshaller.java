package dev.latentmpc.controller.rpc;

import io.grpc.MethodDescriptor;
import java.io.InputStream;

/**
 * Passes a message's bytes through as the transport's stream, unread: the guarded method parses
 * requests itself and streams responses with the original marshaller. No copy is made; the stream
 * is only valid during the listener callback that receives it, which is where it is parsed.
 */
enum RawMarshaller implements MethodDescriptor.Marshaller<InputStream> {
  INSTANCE;

  @Override
  public InputStream stream(InputStream value) {
    return value;
  }

  @Override
  public InputStream parse(InputStream stream) {
    return stream;
  }
}
