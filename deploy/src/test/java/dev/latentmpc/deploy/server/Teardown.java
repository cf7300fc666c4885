package dev.latentmpc.deploy.server;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** The end of a service test: its client channel shut, then what it started closed, in order. */
public final class Teardown {
  private Teardown() {}

  /**
   * Shuts {@code channel} now (waiting up to 5 s), then closes {@code parts} in the order given;
   * any of them may be null (never opened: the test failed before).
   */
  public static void closeAll(ManagedChannel channel, AutoCloseable... parts) throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (AutoCloseable part : parts) {
      if (part != null) {
        part.close();
      }
    }
  }
}
