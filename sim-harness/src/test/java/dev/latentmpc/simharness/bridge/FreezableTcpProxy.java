package dev.latentmpc.simharness.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on 127.0.0.1 in front of a server that can {@link #freeze()}: from then on it relays
 * nothing in either direction but keeps every connection open, as a controller that froze, lost
 * power or was cut off by the network leaves them. Nothing reaches the server; no cancellation
 * either, since no connection closes. {@link #close()} closes every connection.
 */
final class FreezableTcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final ExecutorService pumps =
      Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "freezable-proxy");
        t.setDaemon(true);
        return t;
      });
  private volatile boolean frozen;

  /** Starts relaying connections on a free port to {@code targetPort} on 127.0.0.1. */
  FreezableTcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pumps.execute(this::accept);
  }

  /** The port clients connect to. */
  int port() {
    return listener.getLocalPort();
  }

  /** Stops relaying, for good; connections stay open. */
  void freeze() {
    frozen = true;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(server);
        pumps.execute(() -> pump(client, server));
        pumps.execute(() -> pump(server, client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (frozen) {
          closed.await(); // swallow the bytes and hold the connection open until close()
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // a side closed: the other side's pump ends too once its socket is closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(to);
    }
  }

  @Override
  public void close() {
    closed.countDown();
    closeQuietly(listener);
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    pumps.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }
}
