package dev.latentmpc.deploy.config;

/**
 * Bounds of the in-memory goal store (least recently used goals are evicted first).
 *
 * @param maxCount most goal images kept, ≥ 1
 * @param maxBytes most decoded pixel bytes kept, ≥ 1
 */
public record GoalSettings(int maxCount, long maxBytes) {
  /** Checks the bounds. */
  public GoalSettings {
    if (maxCount < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "maxCount and maxBytes must be >= 1, got " + maxCount + " and " + maxBytes);
    }
  }
}
