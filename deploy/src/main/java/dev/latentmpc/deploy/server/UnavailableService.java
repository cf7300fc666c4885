package dev.latentmpc.deploy.server;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;

/**
 * A stand-in service whose every method answers one status: served under the operator API's name
 * when the model failed to load, so clients get UNAVAILABLE with the reason instead of
 * UNIMPLEMENTED, while health reports NOT_SERVING.
 */
final class UnavailableService {
  private UnavailableService() {}

  /**
   * Returns a definition of {@code descriptor} whose methods all close with {@code status}.
   *
   * @param descriptor the service to stand in for
   * @param status the status every call ends with
   */
  static ServerServiceDefinition of(ServiceDescriptor descriptor, Status status) {
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor);
    for (MethodDescriptor<?, ?> method : descriptor.getMethods()) {
      add(builder, method, status);
    }
    return builder.build();
  }

  private static <ReqT, RespT> void add(
      ServerServiceDefinition.Builder builder,
      MethodDescriptor<ReqT, RespT> method,
      Status status) {
    builder.addMethod(
        method,
        (ServerCall<ReqT, RespT> call, Metadata headers) -> {
          call.close(status, new Metadata());
          return new ServerCall.Listener<ReqT>() {};
        });
  }
}
