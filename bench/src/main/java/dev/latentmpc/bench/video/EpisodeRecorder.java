package dev.latentmpc.bench.video;

import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns a task's stream into the episode video as it arrives: one frame per step, from the step's
 * thumbnail (the camera frame the step planned from; the task must ask for thumbnails) next to the
 * sub-goal image it planned towards. The caption gives the step, the sub-goal, the distance to the
 * goal at that frame (the previous step's, or the start's) and the step's plan energy and time.
 * {@link #finish} adds the final scene, held for a second.
 */
public final class EpisodeRecorder implements Consumer<TaskUpdate>, AutoCloseable {
  private final EpisodeVideo video;
  private final String title;
  private final List<byte[]> goals;
  private final List<String> goalNames;
  private final int totalSteps;
  private final int fps;
  private double distanceM;

  /**
   * @param file the .mp4 to write
   * @param fps frames per second (one step per frame)
   * @param title first words of every caption, e.g. "pick-and-place seed 7"
   * @param goals the goal images (PNG) in order
   * @param goalNames their names, e.g. "grasped"
   * @param totalSteps the schedule's moves, for "step k/N"
   * @param initialDistanceM the distance to the goal before the first step; NaN if unknown
   */
  public EpisodeRecorder(
      Path file,
      int fps,
      String title,
      List<byte[]> goals,
      List<String> goalNames,
      int totalSteps,
      double initialDistanceM) {
    this.video = EpisodeVideo.create(file, fps, 2);
    this.fps = fps;
    this.title = title;
    this.goals = List.copyOf(goals);
    this.goalNames = List.copyOf(goalNames);
    this.totalSteps = totalSteps;
    this.distanceM = initialDistanceM;
  }

  @Override
  public void accept(TaskUpdate update) {
    if (!update.hasStep() || update.getStep().getThumbnailPng().isEmpty()) {
      return;
    }
    StepEvent e = update.getStep();
    int goal = Math.min(e.getSubgoalIndex(), goals.size() - 1);
    String line1 =
        String.format(
            Locale.ROOT,
            "%s | step %d/%d | goal %d/%d %s",
            title,
            e.getStepIndex() + 1,
            totalSteps,
            goal + 1,
            goals.size(),
            goalNames.get(goal));
    String line2 =
        String.format(
            Locale.ROOT,
            "to goal %s | energy %.4f | plan %.0f ms",
            distance(distanceM),
            e.getEnergy(),
            e.getLatencies().getPlanSeconds() * 1e3);
    video.add(e.getThumbnailPng().toByteArray(), goals.get(goal), List.of(line1, line2));
    if (e.hasGoalDistanceM()) {
      distanceM = e.getGoalDistanceM();
    }
  }

  /**
   * Adds the final scene for one second.
   *
   * @param finalFrame the camera's view at the end (PNG)
   * @param outcome e.g. "succeeded after 16 steps"
   */
  public void finish(byte[] finalFrame, String outcome) {
    List<String> caption =
        List.of(title + " | " + outcome, "to goal " + distance(distanceM) + " (final)");
    for (int i = 0; i < fps; i++) {
      video.add(finalFrame, goals.get(goals.size() - 1), caption);
    }
  }

  /** Frames written so far. */
  public long frames() {
    return video.frames();
  }

  /** The encoder in use; empty before the first frame. */
  public String codecName() {
    return video.codecName();
  }

  private static String distance(double m) {
    return Double.isFinite(m) ? String.format(Locale.ROOT, "%.3f m", m) : "n/a";
  }

  @Override
  public void close() {
    video.close();
  }
}
