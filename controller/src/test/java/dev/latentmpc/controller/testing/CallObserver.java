package dev.latentmpc.controller.testing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * A server interceptor that tells a test what passes through it on each call, by the call's bare
 * method name (e.g. "Cancel"): every request message, then the call's close with its status, just
 * before the status goes out. It changes nothing.
 */
public final class CallObserver implements ServerInterceptor {
  /** What the test is told; each callback runs on the server's thread for that call. */
  public interface Listener {
    /** A request message of {@code method} reached this interceptor. */
    default void onMessage(String method, Object message) {}

    /** {@code method}'s call is closed with {@code status}. */
    default void onClose(String method, Status status) {}
  }

  private final Listener listener;

  /** Tells {@code listener} of every call. */
  public CallObserver(Listener listener) {
    this.listener = listener;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    ServerCall<Q, R> closing =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            listener.onClose(method, status);
            super.close(status, trailers);
          }
        };
    return new SimpleForwardingServerCallListener<>(next.startCall(closing, headers)) {
      @Override
      public void onMessage(Q message) {
        listener.onMessage(method, message);
        super.onMessage(message);
      }
    };
  }
}
