package dev.latentmpc.controller.rpc;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Whether one call's request failed to parse, shared by the outermost and the innermost layer of
 * {@link ParseGuard} (the listener callbacks of a call never run concurrently; volatile for the
 * hand-over between executor threads).
 */
final class ParseOutcome {
  private volatile Status failure;

  boolean failed() {
    return failure != null;
  }

  Status failure() {
    return failure;
  }

  /** Records the failure to parse a {@code messageType} and returns its status. */
  Status fail(String messageType, RuntimeException error) {
    Status status =
        Status.INVALID_ARGUMENT.withDescription(
            "request is not a valid " + messageType + ": " + reason(error));
    failure = status;
    return status;
  }

  /** Returns the protobuf type a method's requests parse as, or the method's name. */
  static String requestType(MethodDescriptor<?, ?> method) {
    if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p
        && p.getMessagePrototype() instanceof Message prototype) {
      return prototype.getDescriptorForType().getFullName();
    }
    return "request of " + method.getFullMethodName();
  }

  /**
   * The parser's own words: the message of the innermost cause (protobuf's {@code
   * InvalidProtocolBufferException} under grpc-java's INTERNAL "Invalid protobuf byte sequence"),
   * on one line and at most {@link ParseGuard#MAX_REASON_CHARS} characters.
   */
  static String reason(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    text = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return text.length() <= ParseGuard.MAX_REASON_CHARS
        ? text
        : text.substring(0, ParseGuard.MAX_REASON_CHARS - 3) + "...";
  }
}
