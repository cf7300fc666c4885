package dev.latentmpc.deploy.metrics;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Future;

/** One accepted connection of the metrics endpoint and the task that closes it at its deadline. */
final class Connection {
  final Socket socket;
  final long acceptedNanos = System.nanoTime();
  volatile Future<?> deadline;

  Connection(Socket socket) {
    this.socket = socket;
  }

  long remainingNanos(Duration timeout) {
    return Math.max(0, acceptedNanos + timeout.toNanos() - System.nanoTime());
  }

  /** Closes the socket; returns whether it was still open. */
  boolean abort() {
    if (socket.isClosed()) {
      return false;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that is wanted; a failure leaves nothing to do.
    }
    return true;
  }
}
