package dev.latentmpc.controller.rpc;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports unparseable requests as single WARN lines without a stack trace, at most {@link
 * #DEFAULT_LINES_PER_MINUTE} a minute per server: any client that can open a call could otherwise
 * flood the log. Requests beyond the limit are counted and the count is added to the next line that
 * is written. Thread-safe.
 */
public final class ParseFailureLog {
  /** Lines a server writes per minute at most. */
  public static final int DEFAULT_LINES_PER_MINUTE = 10;

  private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String server;
  private final Logger log;
  private final LongSupplier clockNanos;
  private final int linesPerMinute;
  private long windowStartNanos; // guarded by this
  private int linesInWindow; // guarded by this
  private long suppressed; // guarded by this

  /**
   * Creates the log of one server, on this class's SLF4J logger and the system's monotonic clock.
   *
   * @param server names the server in each line, e.g. {@code operator API}
   */
  public ParseFailureLog(String server) {
    this(
        server,
        LoggerFactory.getLogger(ParseFailureLog.class),
        System::nanoTime,
        DEFAULT_LINES_PER_MINUTE);
  }

  /**
   * Creates the log with its logger, clock and limit given (tests).
   *
   * @param server names the server in each line
   * @param log where the lines go
   * @param clockNanos monotonic clock of the rate limit
   * @param linesPerMinute lines written per minute at most, at least 1
   */
  public ParseFailureLog(String server, Logger log, LongSupplier clockNanos, int linesPerMinute) {
    this.server = Objects.requireNonNull(server, "server");
    this.log = Objects.requireNonNull(log, "log");
    this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
    if (linesPerMinute < 1) {
      throw new IllegalArgumentException("linesPerMinute must be at least 1: " + linesPerMinute);
    }
    this.linesPerMinute = linesPerMinute;
    this.windowStartNanos = clockNanos.getAsLong();
  }

  /**
   * Reports one unparseable request (or counts it, over the limit).
   *
   * @param fullMethod e.g. {@code latentmpc.control.v1.Control/StartTask}
   * @param peer the client's address
   * @param description the status description the client got
   */
  public void record(String fullMethod, String peer, String description) {
    long notLogged;
    synchronized (this) {
      long now = clockNanos.getAsLong();
      if (now - windowStartNanos >= WINDOW_NANOS) {
        windowStartNanos = now;
        linesInWindow = 0;
      }
      if (linesInWindow >= linesPerMinute) {
        suppressed++;
        return;
      }
      linesInWindow++;
      notLogged = suppressed;
      suppressed = 0;
    }
    log.warn(
        "{}: INVALID_ARGUMENT for {} from {}: {}{}",
        server,
        fullMethod,
        peer,
        description,
        notLogged == 0 ? "" : " (" + notLogged + " more unparseable requests were not logged)");
  }
}
