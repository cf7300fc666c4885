package dev.latentmpc.simharness.dataset;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for long generator runs: episodes done/total, episodes/s, frames/s and
 * ETA, redrawn in place on a terminal (carriage return) or printed as plain lines otherwise.
 *
 * <p>Thread-safe: workers report finished episodes concurrently. Rates count only the episodes
 * generated in this run (episodes skipped because an earlier run completed them are excluded).
 */
public final class ProgressBar {
  private static final int WIDTH = 28;

  private final PrintWriter err;
  private final LongSupplier nanos;
  private final boolean interactive;
  private final long redrawNanos;
  private final int total;
  private final long startNanos;
  private int done;
  private int skipped;
  private long frames;
  private long lastDrawNanos = Long.MIN_VALUE;

  /**
   * Creates a bar.
   *
   * @param err where to draw (stderr)
   * @param nanos monotonic clock
   * @param interactive true to redraw one line with carriage returns; false for one line per redraw
   *     period
   * @param total episodes in the whole dataset
   * @param skipped episodes already complete from an earlier run
   */
  public ProgressBar(
      PrintWriter err, LongSupplier nanos, boolean interactive, int total, int skipped) {
    this.err = err;
    this.nanos = nanos;
    this.interactive = interactive;
    this.redrawNanos = interactive ? 200_000_000L : 5_000_000_000L;
    this.total = total;
    this.skipped = skipped;
    this.done = skipped;
    this.startNanos = nanos.getAsLong();
  }

  /** Records one finished episode of {@code episodeFrames} frames and redraws if due. */
  public synchronized void episodeDone(int episodeFrames) {
    done++;
    frames += episodeFrames;
    long now = nanos.getAsLong();
    if (now - lastDrawNanos >= redrawNanos || done == total) {
      lastDrawNanos = now;
      draw(now);
    }
  }

  /** Episodes generated in this run (skipped ones excluded). */
  public synchronized int generated() {
    return done - skipped;
  }

  /** Frames generated in this run. */
  public synchronized long frames() {
    return frames;
  }

  /** Time since the bar was created. */
  public Duration elapsed() {
    return Duration.ofNanos(nanos.getAsLong() - startNanos);
  }

  /** The current bar text, without carriage return or newline. */
  synchronized String line(long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    int generated = done - skipped;
    double episodesPerSecond = generated / seconds;
    double framesPerSecond = frames / seconds;
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    String eta =
        generated == 0 ? "--" : formatDuration((long) ((total - done) / episodesPerSecond));
    return String.format(
        Locale.ROOT,
        "[%s%s] %d/%d episodes  %.2f ep/s  %.1f frames/s  ETA %s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        done,
        total,
        episodesPerSecond,
        framesPerSecond,
        eta);
  }

  private void draw(long now) {
    String text = line(now);
    if (interactive) {
      err.print("\r" + text + (done == total ? "\n" : ""));
    } else {
      err.println(text);
    }
    err.flush();
  }

  /** Formats whole seconds as {@code 1h02m03s}, {@code 4m05s} or {@code 6s}. */
  static String formatDuration(long seconds) {
    if (seconds >= 3600) {
      return String.format(
          Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    if (seconds >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return seconds + "s";
  }
}
