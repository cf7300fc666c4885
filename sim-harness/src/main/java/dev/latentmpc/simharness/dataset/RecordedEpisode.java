package dev.latentmpc.simharness.dataset;

import java.util.List;
import java.util.Objects;

/**
 * One generated episode held in memory until it is written: T frames, T states, T−1 actions.
 *
 * @param index position in the dataset (the directory number)
 * @param task task name, e.g. {@code pick-and-place}
 * @param seed the episode seed (scene, target, start pose, noise)
 * @param kind how the actions were chosen
 * @param success whether the task's success check held at the end
 * @param widthPx frame width, pixels
 * @param heightPx frame height, pixels
 * @param frames T frames, each {@code heightPx * widthPx * 3} bytes of interleaved RGB, row-major
 * @param states T×7 state values, row-major (x_m, y_m, z_m, roll, pitch, yaw, gripper)
 * @param actions (T−1)×7 action values, row-major: action t was commanded in state t and led to
 *     state t+1
 * @param clampedSteps indices t of the actions whose motion was clamped (workspace, table) or
 *     stopped early, so that state t+1 differs from the unclamped pose update
 * @param motionSeconds T−1 durations of the actions' motions, seconds (blocking moves: each frame
 *     is captured when its motion has ended)
 * @param finalDistanceM the task's distance to its goal at the end, metres
 */
public record RecordedEpisode(
    int index,
    String task,
    long seed,
    EpisodeKind kind,
    boolean success,
    int widthPx,
    int heightPx,
    List<byte[]> frames,
    float[] states,
    float[] actions,
    List<Integer> clampedSteps,
    double[] motionSeconds,
    double finalDistanceM) {

  /** Checks that the sizes agree. */
  public RecordedEpisode {
    Objects.requireNonNull(task, "task is null");
    Objects.requireNonNull(kind, "kind is null");
    frames = List.copyOf(frames);
    clampedSteps = List.copyOf(clampedSteps);
    int t = frames.size();
    if (t < 1) {
      throw new IllegalArgumentException("an episode needs at least one frame");
    }
    int frameBytes = widthPx * heightPx * 3;
    for (byte[] f : frames) {
      if (f.length != frameBytes) {
        throw new IllegalArgumentException(
            "frame of " + f.length + " bytes, expected " + frameBytes);
      }
    }
    if (motionSeconds.length != t - 1) {
      throw new IllegalArgumentException(
          t + " frames need " + (t - 1) + " motion durations, got " + motionSeconds.length);
    }
    if (states.length != 7 * t || actions.length != 7 * (t - 1)) {
      throw new IllegalArgumentException(
          t
              + " frames need "
              + 7 * t
              + " state and "
              + 7 * (t - 1)
              + " action values, got "
              + states.length
              + " and "
              + actions.length);
    }
  }

  /** Number of frames T. */
  public int frameCount() {
    return frames.size();
  }

  /** Number of actions T − 1 (the {@code steps} of meta.json). */
  public int steps() {
    return frames.size() - 1;
  }
}
