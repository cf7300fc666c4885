package dev.latentmpc.controller.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Immutable, validated settings of the {@link EpisodeController}; build with {@link #builder()}.
 *
 * <p>Defaults: frames older than 250 ms (one frame period of the model's 4 fps) hold the step;
 * moves time out after 5 s; planning stops starting CEM iterations 30 s after it began (the paper
 * reports 16 s per action on one RTX 4090); 10 consecutive holding steps fail the episode; 16 goal
 * latents stay cached.
 *
 * @param maxFrameAge a frame older than this at the snapshot holds the step; positive
 * @param moveTimeout the longest one blocking move may take; positive
 * @param planningBudget time after the start of planning when no new CEM iteration starts; positive
 * @param maxConsecutiveHolds this many holding steps in a row fail the episode; ≥ 1
 * @param goalCacheCapacity goal latents kept across tasks; ≥ 1
 */
public record ControllerConfig(
    Duration maxFrameAge,
    Duration moveTimeout,
    Duration planningBudget,
    int maxConsecutiveHolds,
    int goalCacheCapacity) {

  /** Validates every field, reporting all problems at once. */
  public ControllerConfig {
    List<String> errors = new ArrayList<>();
    positive(errors, "maxFrameAge", maxFrameAge);
    positive(errors, "moveTimeout", moveTimeout);
    positive(errors, "planningBudget", planningBudget);
    if (maxConsecutiveHolds < 1) {
      errors.add("maxConsecutiveHolds must be >= 1, got " + maxConsecutiveHolds);
    }
    if (goalCacheCapacity < 1) {
      errors.add("goalCacheCapacity must be >= 1, got " + goalCacheCapacity);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid ControllerConfig: " + String.join("; ", errors));
    }
  }

  private static void positive(List<String> errors, String name, Duration value) {
    if (value == null) {
      errors.add(name + " must be set");
    } else if (value.isNegative() || value.isZero()) {
      errors.add(name + " must be positive, got " + value);
    } else if (value.compareTo(Duration.ofDays(1)) > 0) {
      errors.add(name + " must be at most a day (nanosecond arithmetic), got " + value);
    }
  }

  /** Returns the defaults described in the class documentation. */
  public static ControllerConfig defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder()
        .maxFrameAge(maxFrameAge)
        .moveTimeout(moveTimeout)
        .planningBudget(planningBudget)
        .maxConsecutiveHolds(maxConsecutiveHolds)
        .goalCacheCapacity(goalCacheCapacity);
  }

  /** Mutable builder of {@link ControllerConfig}, starting from the defaults. */
  public static final class Builder {
    private Duration maxFrameAge = Duration.ofMillis(250);
    private Duration moveTimeout = Duration.ofSeconds(5);
    private Duration planningBudget = Duration.ofSeconds(30);
    private int maxConsecutiveHolds = 10;
    private int goalCacheCapacity = 16;

    private Builder() {}

    /** Sets {@link ControllerConfig#maxFrameAge()}. */
    public Builder maxFrameAge(Duration value) {
      maxFrameAge = value;
      return this;
    }

    /** Sets {@link ControllerConfig#moveTimeout()}. */
    public Builder moveTimeout(Duration value) {
      moveTimeout = value;
      return this;
    }

    /** Sets {@link ControllerConfig#planningBudget()}. */
    public Builder planningBudget(Duration value) {
      planningBudget = value;
      return this;
    }

    /** Sets {@link ControllerConfig#maxConsecutiveHolds()}. */
    public Builder maxConsecutiveHolds(int value) {
      maxConsecutiveHolds = value;
      return this;
    }

    /** Sets {@link ControllerConfig#goalCacheCapacity()}. */
    public Builder goalCacheCapacity(int value) {
      goalCacheCapacity = value;
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException naming every invalid field
     */
    public ControllerConfig build() {
      return new ControllerConfig(
          maxFrameAge, moveTimeout, planningBudget, maxConsecutiveHolds, goalCacheCapacity);
    }
  }
}
