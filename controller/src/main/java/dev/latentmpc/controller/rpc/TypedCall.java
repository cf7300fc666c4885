package dev.latentmpc.controller.rpc;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.io.InputStream;

/**
 * The call as the interceptors and the service see it: the method's own descriptor and message
 * types over the raw call on the wire. Responses are streamed with the method's marshaller;
 * everything else goes to the raw call unchanged.
 */
final class TypedCall<Q, R> extends ServerCall<Q, R> {
  private final ServerCall<InputStream, InputStream> raw;
  private final MethodDescriptor<Q, R> method;
  private volatile boolean closed;

  TypedCall(ServerCall<InputStream, InputStream> raw, MethodDescriptor<Q, R> method) {
    this.raw = raw;
    this.method = method;
  }

  @Override
  public void request(int numMessages) {
    raw.request(numMessages);
  }

  @Override
  public void sendHeaders(Metadata headers) {
    raw.sendHeaders(headers);
  }

  @Override
  public void sendMessage(R message) {
    raw.sendMessage(method.streamResponse(message));
  }

  @Override
  public boolean isReady() {
    return raw.isReady();
  }

  @Override
  public void close(Status status, Metadata trailers) {
    closed = true;
    raw.close(status, trailers);
  }

  /** Whether the interceptors or the service closed the call (e.g. refused it before a message). */
  boolean closed() {
    return closed;
  }

  @Override
  public boolean isCancelled() {
    return raw.isCancelled();
  }

  @Override
  public void setMessageCompression(boolean enabled) {
    raw.setMessageCompression(enabled);
  }

  @Override
  public void setOnReadyThreshold(int numBytes) {
    raw.setOnReadyThreshold(numBytes);
  }

  @Override
  public void setCompression(String compressor) {
    raw.setCompression(compressor);
  }

  @Override
  public SecurityLevel getSecurityLevel() {
    return raw.getSecurityLevel();
  }

  @Override
  public Attributes getAttributes() {
    return raw.getAttributes();
  }

  @Override
  public String getAuthority() {
    return raw.getAuthority();
  }

  @Override
  public MethodDescriptor<Q, R> getMethodDescriptor() {
    return method;
  }
}
