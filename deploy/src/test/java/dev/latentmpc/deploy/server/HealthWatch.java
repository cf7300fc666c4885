package dev.latentmpc.deploy.server;

import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.util.function.Consumer;

/** A health {@code Watch} stream the service tests hold open on the server's overall status. */
public final class HealthWatch {
  private HealthWatch() {}

  /**
   * Watches the overall health ({@code ""}) over {@code channel}, handing every status to {@code
   * each} in order. The stream's end or error (the channel closed or replaced) is ignored: tests
   * read what they saw.
   */
  public static void watch(Channel channel, Consumer<ServingStatus> each) {
    HealthGrpc.newStub(channel)
        .watch(
            HealthCheckRequest.getDefaultInstance(),
            new StreamObserver<>() {
              @Override
              public void onNext(HealthCheckResponse r) {
                each.accept(r.getStatus());
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
  }
}
