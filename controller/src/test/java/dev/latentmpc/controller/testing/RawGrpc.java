package dev.latentmpc.controller.testing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Sends raw bytes as the request of any method, as a client with a broken or hostile encoder would,
 * and returns the status the call ended with.
 */
public final class RawGrpc {
  /** Passes bytes through unchanged in both directions. */
  public static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private RawGrpc() {}

  /** Returns {@code method} with byte-array request and response types. */
  public static MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<?, ?> method) {
    return method.toBuilder(BYTES, BYTES).build();
  }

  /**
   * Sends {@code request} as the one request of {@code method} (unary or server streaming), reads
   * every response and returns the final status.
   */
  public static Status call(
      Channel channel, MethodDescriptor<?, ?> method, byte[] request, long deadlineSeconds) {
    MethodDescriptor<byte[], byte[]> raw = raw(method);
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS);
    try {
      if (method.getType() == MethodDescriptor.MethodType.UNARY) {
        ClientCalls.blockingUnaryCall(channel, raw, options, request);
      } else {
        Iterator<byte[]> responses =
            ClientCalls.blockingServerStreamingCall(channel, raw, options, request);
        while (responses.hasNext()) {
          responses.next();
        }
      }
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }
}
