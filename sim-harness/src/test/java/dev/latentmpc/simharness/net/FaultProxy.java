package dev.latentmpc.simharness.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, with network faults switched on and off by the
 * test: the link stalls (bytes are swallowed, connections stay open, new connections are accepted
 * but never answered), drops (every open connection is closed on both sides), delays every chunk by
 * a fixed one-way latency, or stops reading what the server sends (so the server's writes back up,
 * as behind a client that never reads). Faults apply to the connections open at the time and to
 * later ones.
 *
 * <p>Each connection has a reader and a writer per direction; a chunk read at time t is written at
 * t + latency, in order, so the latency does not add up over a call's chunks.
 */
public final class FaultProxy implements AutoCloseable {
  private static final int RECEIVE_BUFFER_BYTES = 32 * 1024;

  private final ServerSocket listener;
  private final int targetPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Object holdLock = new Object();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
      });
  private volatile boolean stalled;
  private volatile long latencyNanos;
  private boolean holdingResponses; // guarded by holdLock

  /** Starts relaying connections on a free loopback port to {@code targetPort} on 127.0.0.1. */
  public FaultProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code 127.0.0.1:port}, for a client configuration. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  /** Connections accepted so far. */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /**
   * Stalls the link: from now on nothing is relayed in either direction, open connections stay
   * open, and new connections are accepted but never reach the server.
   */
  public void stall() {
    stalled = true;
  }

  /**
   * Ends a stall the way a network that comes back does for a peer that gave up on it: the stalled
   * connections are closed, and new connections are relayed again.
   */
  public void heal() {
    stalled = false;
    dropAll();
  }

  /** Closes both sides of every open connection now; later connections are relayed as before. */
  public void dropAll() {
    for (Link link : links) {
      link.close();
    }
  }

  /** Delays every chunk, in both directions, by {@code oneWay} (zero for none). */
  public void latency(Duration oneWay) {
    latencyNanos = oneWay.toNanos();
  }

  /**
   * Stops (or resumes) reading what the server sends: its bytes pile up in the socket buffers until
   * its own writes back up, as behind a client that never reads its stream.
   */
  public void holdResponses(boolean hold) {
    synchronized (holdLock) {
      holdingResponses = hold;
      holdLock.notifyAll();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        accepted.incrementAndGet();
        if (stalled) {
          links.add(new Link(client, null)); // accepted, never answered
          continue;
        }
        Socket server = new Socket();
        // A small receive buffer, so that holding the server's bytes backs its writes up after
        // tens of kilobytes rather than the megabytes loopback buffers grow to.
        server.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        Link link = new Link(client, server);
        links.add(link);
        link.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** One relayed connection. */
  private final class Link {
    private final Socket client;
    private final Socket server;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start() {
      relay(client, server, false);
      relay(server, client, true);
    }

    private void relay(Socket from, Socket to, boolean fromServer) {
      BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
      threads.execute(() -> read(from, chunks, fromServer));
      threads.execute(() -> write(to, chunks));
    }

    private void read(Socket from, BlockingQueue<Chunk> chunks, boolean fromServer) {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream()) {
        while (true) {
          if (fromServer) {
            awaitNotHolding();
          }
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          if (!stalled) {
            chunks.add(new Chunk(System.nanoTime() + latencyNanos, Arrays.copyOf(buffer, n)));
          }
        }
      } catch (IOException e) {
        // closed by a drop or by the other side
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      chunks.add(Chunk.END);
    }

    private void write(Socket to, BlockingQueue<Chunk> chunks) {
      try (OutputStream out = to.getOutputStream()) {
        for (Chunk chunk = chunks.take(); chunk != Chunk.END; chunk = chunks.take()) {
          long waitNanos = chunk.dueNanos() - System.nanoTime();
          if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
          }
          if (!stalled) {
            out.write(chunk.bytes());
            out.flush();
          }
        }
      } catch (IOException e) {
        // closed by a drop or by the other side
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        close();
      }
    }

    void close() {
      links.remove(this);
      closeQuietly(client);
      if (server != null) {
        closeQuietly(server);
      }
    }
  }

  private void awaitNotHolding() throws InterruptedException {
    synchronized (holdLock) {
      while (holdingResponses) {
        holdLock.wait();
      }
    }
  }

  /** Bytes to write at {@code dueNanos}; {@link #END} ends a direction. */
  private record Chunk(long dueNanos, byte[] bytes) {
    static final Chunk END = new Chunk(0, new byte[0]);
  }

  @Override
  public void close() {
    closeQuietly(listener);
    dropAll();
    holdResponses(false);
    threads.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }
}
