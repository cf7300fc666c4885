package dev.latentmpc.controller.loop;

import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Goal latents keyed by the SHA-256 of the goal image's size and pixels, so a goal image is encoded
 * once however many episodes use it.
 *
 * <p>The cache belongs to one world model (latents of another model would be wrong) and keeps the
 * {@code capacity} most recently used latents. Missing goals of one request are encoded in one
 * batch. Thread-safe.
 */
public final class GoalCache {

  private final WorldModel worldModel;
  private final FramePreprocessor preprocessor;
  private final Map<String, Latent> latents;

  /**
   * Creates an empty cache.
   *
   * @param worldModel encodes the goal images
   * @param preprocessor turns a goal image into the encoder's clip
   * @param capacity latents kept, at least 1
   */
  public GoalCache(WorldModel worldModel, FramePreprocessor preprocessor, int capacity) {
    this.worldModel = Objects.requireNonNull(worldModel, "worldModel");
    this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    latents =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Latent> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Returns the latent of every goal image, in order, encoding (in one batch) those not cached.
   *
   * @param goals goal images; not empty
   */
  public synchronized List<Latent> latentsFor(List<RgbImage> goals) {
    Objects.requireNonNull(goals, "goals");
    if (goals.isEmpty()) {
      throw new IllegalArgumentException("no goal images");
    }
    List<String> keys = goals.stream().map(GoalCache::contentHash).toList();
    List<String> missingKeys = new ArrayList<>();
    List<float[]> missingClips = new ArrayList<>();
    for (int i = 0; i < goals.size(); i++) {
      String key = keys.get(i);
      if (!latents.containsKey(key) && !missingKeys.contains(key)) {
        missingKeys.add(key);
        missingClips.add(preprocessor.preprocess(goals.get(i)));
      }
    }
    Map<String, Latent> found = new LinkedHashMap<>();
    if (!missingClips.isEmpty()) {
      List<Latent> encoded = worldModel.encode(missingClips);
      for (int i = 0; i < missingKeys.size(); i++) {
        found.put(missingKeys.get(i), encoded.get(i).requireFinite("goal latent " + i));
      }
    }
    List<Latent> result = new ArrayList<>(goals.size());
    for (String key : keys) {
      Latent latent = found.containsKey(key) ? found.get(key) : latents.get(key);
      result.add(latent);
    }
    latents.putAll(found);
    return List.copyOf(result);
  }

  /** Returns the number of cached latents. */
  public synchronized int size() {
    return latents.size();
  }

  /** Drops every cached latent. */
  public synchronized void clear() {
    latents.clear();
  }

  /** Returns the hex SHA-256 of the image's width, height and RGB bytes. */
  public static String contentHash(RgbImage image) {
    Objects.requireNonNull(image, "image");
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
    digest.update(ByteBuffer.allocate(8).putInt(image.width()).putInt(image.height()).array());
    digest.update(image.rgb());
    return HexFormat.of().formatHex(digest.digest());
  }
}
