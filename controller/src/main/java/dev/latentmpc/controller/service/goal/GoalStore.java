package dev.latentmpc.controller.service.goal;

import dev.latentmpc.controller.loop.GoalCache;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded goal images by id, bounded in count and bytes; thread-safe.
 *
 * <p>The id is {@link GoalCache#contentHash}, the key under which the controller caches the goal's
 * latent, so the same pixels uploaded as PNG, JPEG-decoded or raw get the same id. When a new image
 * does not fit, the least recently used goals (stored or looked up) are evicted first; a task that
 * already started holds its own references and is unaffected.
 */
public final class GoalStore {

  /** Default number of goals kept. */
  public static final int DEFAULT_MAX_GOALS = 64;

  /** Default pixel bytes kept: 256 MiB (five 4096 × 4096 images). */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  private final int maxGoals;
  private final long maxBytes;
  private final LinkedHashMap<String, RgbImage> goals = new LinkedHashMap<>(16, 0.75f, true);
  private long storedBytes;

  /**
   * Creates an empty store.
   *
   * @param maxGoals most goals kept, ≥ 1
   * @param maxBytes most pixel bytes kept, ≥ 1
   */
  public GoalStore(int maxGoals, long maxBytes) {
    if (maxGoals < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "maxGoals and maxBytes must be >= 1, got " + maxGoals + " and " + maxBytes);
    }
    this.maxGoals = maxGoals;
    this.maxBytes = maxBytes;
  }

  /** Returns a store with {@link #DEFAULT_MAX_GOALS} and {@link #DEFAULT_MAX_BYTES}. */
  public static GoalStore withDefaults() {
    return new GoalStore(DEFAULT_MAX_GOALS, DEFAULT_MAX_BYTES);
  }

  /**
   * Stores {@code image}, evicting the least recently used goals as needed.
   *
   * @throws StatusRuntimeException {@code RESOURCE_EXHAUSTED} if the image alone exceeds the byte
   *     budget
   */
  public synchronized StoredGoal put(RgbImage image) {
    String id = GoalCache.contentHash(image);
    long bytes = image.rgb().length;
    if (goals.get(id) != null) {
      return new StoredGoal(id, image.width(), image.height(), bytes, true);
    }
    if (bytes > maxBytes) {
      throw Status.RESOURCE_EXHAUSTED
          .withDescription(
              "image of " + bytes + " bytes exceeds the goal store's budget of " + maxBytes)
          .asRuntimeException();
    }
    evictFor(bytes);
    goals.put(id, image);
    storedBytes += bytes;
    return new StoredGoal(id, image.width(), image.height(), bytes, false);
  }

  private void evictFor(long bytes) {
    Iterator<Map.Entry<String, RgbImage>> eldest = goals.entrySet().iterator();
    while (eldest.hasNext() && (goals.size() >= maxGoals || storedBytes + bytes > maxBytes)) {
      storedBytes -= eldest.next().getValue().rgb().length;
      eldest.remove();
    }
  }

  /**
   * Returns the images of {@code goalIds}, in order.
   *
   * @param field the request field holding the ids, for error descriptions
   * @throws StatusRuntimeException {@code INVALID_ARGUMENT} for an empty id, {@code NOT_FOUND} for
   *     an id that is not stored
   */
  public synchronized List<RgbImage> getAll(List<String> goalIds, String field) {
    List<RgbImage> images = new ArrayList<>(goalIds.size());
    for (int i = 0; i < goalIds.size(); i++) {
      images.add(get(goalIds.get(i), field + "[" + i + "]"));
    }
    return images;
  }

  /**
   * Returns the image of {@code goalId}.
   *
   * @param field the request field, for error descriptions
   * @throws StatusRuntimeException {@code INVALID_ARGUMENT} if empty, {@code NOT_FOUND} if not
   *     stored
   */
  public synchronized RgbImage get(String goalId, String field) {
    if (goalId.isEmpty()) {
      throw Status.INVALID_ARGUMENT.withDescription(field + " is empty").asRuntimeException();
    }
    RgbImage image = goals.get(goalId);
    if (image == null) {
      throw Status.NOT_FOUND
          .withDescription(
              field
                  + ": no goal with id '"
                  + goalId
                  + "' (never uploaded, or evicted); upload it with UploadGoal")
          .asRuntimeException();
    }
    return image;
  }

  /** Returns the number of stored goals. */
  public synchronized int size() {
    return goals.size();
  }

  /** Returns the pixel bytes held. */
  public synchronized long storedBytes() {
    return storedBytes;
  }
}
