package dev.latentmpc.simharness.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The episode directories of a dataset: {@code episode-NNNNNN/} with {@code frames.npy}, {@code
 * states.npy}, {@code actions.npy} and {@code meta.json}.
 *
 * <p>An episode is written into a hidden temporary directory and renamed into place in one atomic
 * step, so a crash leaves either a complete episode or a temporary directory that the next run
 * deletes; never half an episode under the final name.
 */
public final class EpisodeStore {
  private static final String TEMP_PREFIX = ".tmp-episode-";

  private final Path root;
  private final ObjectMapper json;

  /**
   * Opens (does not create) the store.
   *
   * @param root the dataset directory
   * @param json the mapper used for meta.json
   */
  public EpisodeStore(Path root, ObjectMapper json) {
    this.root = root;
    this.json = json;
  }

  /** The final directory of episode {@code index}. */
  public Path episodeDir(int index) {
    return root.resolve(String.format(Locale.ROOT, "episode-%06d", index));
  }

  /** True when episode {@code index} was completely written by this or an earlier run. */
  public boolean isComplete(int index) {
    return Files.isRegularFile(episodeDir(index).resolve("meta.json"));
  }

  /**
   * Deletes the temporary episode directories and manifest files an interrupted run left behind.
   *
   * @return how many were deleted
   * @throws IOException when one cannot be deleted
   */
  public int removeStaleTemps() throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, ".tmp-*")) {
      for (Path dir : dirs) {
        deleteTree(dir);
        removed++;
      }
    }
    return removed;
  }

  /**
   * Writes an episode atomically.
   *
   * @param episode the episode
   * @throws IOException when writing or renaming fails (the temporary directory is removed)
   */
  public void write(RecordedEpisode episode) throws IOException {
    Path target = episodeDir(episode.index());
    Path temp = Files.createTempDirectory(root, TEMP_PREFIX + episode.index() + "-");
    try {
      int t = episode.frameCount();
      NpyWriter.writeUint8(
          temp.resolve("frames.npy"),
          new int[] {t, episode.heightPx(), episode.widthPx(), 3},
          episode.frames());
      NpyWriter.writeFloat32(temp.resolve("states.npy"), new int[] {t, 7}, episode.states());
      NpyWriter.writeFloat32(temp.resolve("actions.npy"), new int[] {t - 1, 7}, episode.actions());
      json.writerWithDefaultPrettyPrinter()
          .writeValue(temp.resolve("meta.json").toFile(), meta(episode));
      moveIntoPlace(temp, target);
    } catch (IOException | RuntimeException e) {
      deleteTree(temp);
      throw e;
    }
  }

  private ObjectNode meta(RecordedEpisode e) {
    ObjectNode meta = json.createObjectNode();
    meta.put("format_version", DatasetManifest.FORMAT_VERSION);
    meta.put("index", e.index());
    meta.put("task", e.task());
    meta.put("seed", e.seed());
    meta.put("kind", e.kind().label());
    meta.put("success", e.success());
    meta.put("steps", e.steps());
    meta.put("frames", e.frameCount());
    meta.put("final_distance_m", e.finalDistanceM());
    var clamped = meta.putArray("clamped_steps");
    for (int step : e.clampedSteps()) {
      clamped.add(step);
    }
    var seconds = meta.putArray("motion_seconds");
    for (double s : e.motionSeconds()) {
      seconds.add(Math.round(s * 1e4) / 1e4);
    }
    return meta;
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    if (Files.exists(target)) {
      // An incomplete directory under the final name cannot come from this writer; replace it.
      deleteTree(target);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
