package dev.latentmpc.simharness.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a dataset directory: writes {@code dataset.json}, skips episodes an earlier run
 * completed, makes the others on {@code workers} threads and writes each atomically, reporting
 * progress.
 */
public final class DatasetGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetGenerator.class);

  /** How long a finished or failed run waits for its workers to stop. */
  private static final long WORKER_STOP_TIMEOUT_MINUTES = 1;

  private final DatasetSettings settings;
  private final EpisodeSource source;
  private final int workers;
  private final ObjectMapper json;

  /**
   * Creates a generator.
   *
   * @param settings what to generate
   * @param source makes one episode
   * @param workers threads making episodes in parallel, ≥ 1
   * @param json mapper for the JSON files
   */
  public DatasetGenerator(
      DatasetSettings settings, EpisodeSource source, int workers, ObjectMapper json) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.source = Objects.requireNonNull(source, "source is null");
    this.json = Objects.requireNonNull(json, "json is null");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    this.workers = workers;
  }

  /**
   * Makes every missing episode of the dataset in {@code dir} (an existing directory).
   *
   * @param dir dataset directory
   * @param progress where progress is reported; created by the caller with the skipped count from
   *     {@link #completeEpisodes}
   * @return counts of this run
   * @throws IOException when the directory cannot be written
   * @throws IncompatibleDatasetException when {@code dir} holds a dataset made with other settings
   * @throws InterruptedException when interrupted (complete episodes stay on disk)
   */
  public DatasetSummary generate(Path dir, ProgressBar progress)
      throws IOException, InterruptedException {
    prepare(dir);
    EpisodeStore store = new EpisodeStore(dir, json);
    DatasetSummary.Counter counter = new DatasetSummary.Counter();
    ExecutorService pool = Executors.newFixedThreadPool(workers, DatasetGenerator::daemon);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < settings.episodes(); i++) {
        if (!store.isComplete(i)) {
          EpisodePlan plan = EpisodePlan.of(settings, i);
          futures.add(pool.submit(() -> makeOne(plan, store, progress, counter)));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw unwrap(e);
    } finally {
      // wait for running episodes, so no worker still writes once this run has returned or thrown
      pool.shutdownNow();
      if (!pool.awaitTermination(WORKER_STOP_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        LOG.warn(
            "dataset workers still running {} minute(s) after the run stopped; an episode they"
                + " write is not marked complete until it is whole, so the next run redoes it",
            WORKER_STOP_TIMEOUT_MINUTES);
      }
    }
    return counter.summary(progress.elapsed());
  }

  /** Episodes of {@code dir} that an earlier run completed (0 for a new directory). */
  public int completeEpisodes(Path dir) {
    EpisodeStore store = new EpisodeStore(dir, json);
    int complete = 0;
    for (int i = 0; i < settings.episodes(); i++) {
      complete += store.isComplete(i) ? 1 : 0;
    }
    return complete;
  }

  private void prepare(Path dir) throws IOException {
    ObjectNode wanted = DatasetManifest.of(settings, json);
    Optional<JsonNode> existing = DatasetManifest.read(dir, json);
    if (existing.isPresent()) {
      Optional<String> why = DatasetManifest.incompatibility(existing.get(), wanted, json);
      if (why.isPresent()) {
        throw new IncompatibleDatasetException(dir, why.get());
      }
      int before = existing.get().path("episodes").asInt(0);
      wanted.put("episodes", Math.max(before, settings.episodes()));
    }
    new EpisodeStore(dir, json).removeStaleTemps();
    DatasetManifest.write(dir, wanted, json);
  }

  private void makeOne(
      EpisodePlan plan, EpisodeStore store, ProgressBar progress, DatasetSummary.Counter counter) {
    RecordedEpisode episode;
    try {
      episode = source.record(plan);
    } catch (RuntimeException e) {
      throw new EpisodeFailedException(plan, e);
    }
    try {
      store.write(episode);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + store.episodeDir(plan.index()) + ": " + e.getMessage(), e);
    }
    counter.add(episode);
    progress.episodeDone(episode.frameCount());
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "dataset-worker");
    t.setDaemon(true);
    return t;
  }

  private static IOException unwrap(ExecutionException e) throws IOException {
    Throwable cause = e.getCause();
    if (cause instanceof UncheckedIOException io) {
      throw io.getCause();
    }
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    throw new IOException(cause);
  }

  /** An episode's simulation failed; the message names the episode so it can be reproduced. */
  public static final class EpisodeFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EpisodeFailedException(EpisodePlan plan, Throwable cause) {
      super(
          "episode "
              + plan.index()
              + " ("
              + plan.kind().label()
              + ", task "
              + plan.task()
              + ", seed "
              + plan.seed()
              + ") failed: "
              + cause.getMessage(),
          cause);
    }
  }

  /** The output directory holds a dataset generated with other settings. */
  public static final class IncompatibleDatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IncompatibleDatasetException(Path dir, String why) {
      super(
          "the dataset in "
              + dir
              + " was generated with other settings ("
              + why
              + "); rerun with the same settings to resume, or pass a new --out DIR");
    }
  }
}
