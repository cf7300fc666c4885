package dev.latentmpc.controller.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what java.util.logging receives at WARNING or above under a logger name (e.g. {@code
 * io.grpc}) while open, to show that a library logged nothing there.
 */
public final class JulRecorder extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  /** Starts recording under {@code loggerName}. */
  public JulRecorder(String loggerName) {
    logger = Logger.getLogger(loggerName);
    setLevel(Level.WARNING);
    logger.addHandler(this);
  }

  /** Returns the records so far. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      records.add(record);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
