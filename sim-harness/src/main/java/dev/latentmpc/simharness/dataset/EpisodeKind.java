package dev.latentmpc.simharness.dataset;

import java.util.Locale;

/** How an episode's actions were chosen. */
public enum EpisodeKind {
  /** A noisy scripted demonstration by the ground-truth oracle (succeeds or fails). */
  DEMO,
  /** Random motions, uniform per step within bounds, no task intent. */
  RANDOM;

  /** The name written to meta.json: {@code demo} or {@code random}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
