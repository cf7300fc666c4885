package dev.latentmpc.simharness.dataset;

import java.time.Duration;

/**
 * What one generator run made.
 *
 * @param generated episodes made by this run
 * @param frames frames made by this run
 * @param demos demonstrations among them
 * @param demoSuccesses successful demonstrations
 * @param randoms random-motion episodes among them
 * @param elapsed wall time of the run
 */
public record DatasetSummary(
    int generated, long frames, int demos, int demoSuccesses, int randoms, Duration elapsed) {

  /** Episodes per second of wall time. */
  public double episodesPerSecond() {
    return generated / seconds();
  }

  /** Frames per second of wall time. */
  public double framesPerSecond() {
    return frames / seconds();
  }

  private double seconds() {
    return Math.max(1e-9, elapsed.toNanos() / 1e9);
  }

  /** Thread-safe running counts. */
  static final class Counter {
    private int generated;
    private long frames;
    private int demos;
    private int demoSuccesses;
    private int randoms;

    synchronized void add(RecordedEpisode e) {
      generated++;
      frames += e.frameCount();
      if (e.kind() == EpisodeKind.DEMO) {
        demos++;
        demoSuccesses += e.success() ? 1 : 0;
      } else {
        randoms++;
      }
    }

    synchronized DatasetSummary summary(Duration elapsed) {
      return new DatasetSummary(generated, frames, demos, demoSuccesses, randoms, elapsed);
    }
  }
}
