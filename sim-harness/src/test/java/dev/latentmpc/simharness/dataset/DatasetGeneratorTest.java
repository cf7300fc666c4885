package dev.latentmpc.simharness.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentmpc.simharness.task.Episode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final AtomicLong nanos = new AtomicLong();
  private final List<Integer> made = Collections.synchronizedList(new ArrayList<>());

  /** A 2x2-pixel fake episode of 3 frames whose pixels encode the index. */
  private RecordedEpisode fake(EpisodePlan plan) {
    made.add(plan.index());
    nanos.addAndGet(500_000_000L);
    List<byte[]> frames = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      byte[] f = new byte[12];
      java.util.Arrays.fill(f, (byte) (plan.index() * 10 + t));
      frames.add(f);
    }
    return new RecordedEpisode(
        plan.index(),
        plan.task(),
        plan.seed(),
        plan.kind(),
        plan.index() % 2 == 0,
        2,
        2,
        frames,
        new float[21],
        new float[14],
        List.of(1),
        new double[] {0.25, 0.3},
        0.01);
  }

  private DatasetSummary run(DatasetSettings settings, EpisodeSource source)
      throws IOException, InterruptedException {
    DatasetGenerator generator = new DatasetGenerator(settings, source, 2, JSON);
    int done = generator.completeEpisodes(dir);
    ProgressBar bar =
        new ProgressBar(
            new PrintWriter(new StringWriter()), nanos::get, false, settings.episodes(), done);
    return generator.generate(dir, bar);
  }

  private static DatasetSettings settings(int episodes, long seed) {
    return DatasetSettings.defaults(episodes, seed, 0.5, List.of("reach", "grasp"));
  }

  @Test
  void writesManifestAndOneCompleteDirectoryPerEpisode() throws Exception {
    DatasetSummary summary = run(settings(4, 7), this::fake);
    assertThat(summary.generated()).isEqualTo(4);
    assertThat(summary.frames()).isEqualTo(12);
    JsonNode manifest = JSON.readTree(dir.resolve("dataset.json").toFile());
    assertThat(manifest.get("format_version").asInt()).isEqualTo(1);
    assertThat(manifest.get("fps").asInt()).isEqualTo(4);
    assertThat(manifest.get("seed").asLong()).isEqualTo(7);
    assertThat(manifest.at("/image/width_px").asInt()).isEqualTo(256);
    assertThat(manifest.at("/generator/task_definitions").asInt())
        .isEqualTo(Episode.DEFINITIONS_VERSION);
    JsonNode meta = JSON.readTree(dir.resolve("episode-000003/meta.json").toFile());
    assertThat(meta.get("task").asText()).isEqualTo("grasp");
    assertThat(meta.get("steps").asInt()).isEqualTo(2);
    assertThat(meta.get("motion_seconds")).hasSize(2);
    assertThat(meta.get("clamped_steps").get(0).asInt()).isEqualTo(1);
    assertThat(meta.get("kind").asText()).isIn("demo", "random");
    assertThat(meta.get("seed").asLong()).isEqualTo(EpisodePlan.of(settings(4, 7), 3).seed());
    assertThat(Files.size(dir.resolve("episode-000003/frames.npy"))).isEqualTo(128 + 36);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "dataset.json",
              "episode-000000",
              "episode-000001",
              "episode-000002",
              "episode-000003");
    }
  }

  @Test
  void aRerunSkipsCompleteEpisodesAndExtendsTheDataset() throws Exception {
    run(settings(3, 7), this::fake);
    made.clear();
    DatasetSummary second = run(settings(5, 7), this::fake);
    assertThat(made).containsExactlyInAnyOrder(3, 4);
    assertThat(second.generated()).isEqualTo(2);
    assertThat(JSON.readTree(dir.resolve("dataset.json").toFile()).get("episodes").asInt())
        .isEqualTo(5);
  }

  @Test
  void aFailedEpisodeLeavesNoDirectoryAndTheRerunMakesIt() throws Exception {
    EpisodeSource failingOnTwo =
        plan -> {
          if (plan.index() == 2) {
            throw new IllegalStateException("boom");
          }
          return fake(plan);
        };
    assertThatThrownBy(() -> run(settings(4, 7), failingOnTwo))
        .isInstanceOf(DatasetGenerator.EpisodeFailedException.class)
        .hasMessageContaining("episode 2")
        .hasMessageContaining("boom");
    assertThat(dir.resolve("episode-000002")).doesNotExist();
    // An interrupted write leaves a temporary directory; the next run removes it.
    Files.createDirectory(dir.resolve(".tmp-episode-2-123"));
    made.clear();
    run(settings(4, 7), this::fake);
    assertThat(made).contains(2);
    assertThat(dir.resolve("episode-000002/meta.json")).exists();
    assertThat(dir.resolve(".tmp-episode-2-123")).doesNotExist();
  }

  @Test
  void otherSettingsInTheSameDirectoryAreRefused() throws Exception {
    run(settings(2, 7), this::fake);
    assertThatThrownBy(() -> run(settings(2, 8), this::fake))
        .isInstanceOf(DatasetGenerator.IncompatibleDatasetException.class)
        .hasMessageContaining("seed differs")
        .hasMessageContaining("pass a new --out DIR");
  }

  @Test
  void aDatasetMadeUnderOtherTaskDefinitionsIsRefused() throws Exception {
    run(settings(2, 7), this::fake);
    Path manifest = dir.resolve("dataset.json");
    ObjectNode old = (ObjectNode) JSON.readTree(manifest.toFile());
    ((ObjectNode) old.get("generator")).put("task_definitions", Episode.DEFINITIONS_VERSION - 1);
    JSON.writeValue(manifest.toFile(), old);
    assertThatThrownBy(() -> run(settings(2, 7), this::fake))
        .isInstanceOf(DatasetGenerator.IncompatibleDatasetException.class)
        .hasMessageContaining("task_definitions");
  }

  @Test
  void episodePlansAreAPureFunctionOfSeedAndIndex() {
    DatasetSettings s = DatasetSettings.defaults(2000, 11, 0.3, List.of("reach", "grasp"));
    int random = 0;
    for (int i = 0; i < 2000; i++) {
      EpisodePlan plan = EpisodePlan.of(s, i);
      assertThat(plan).isEqualTo(EpisodePlan.of(s, i));
      assertThat(plan.seed()).isNotNegative();
      assertThat(plan.task()).isEqualTo(i % 2 == 0 ? "reach" : "grasp");
      random += plan.kind() == EpisodeKind.RANDOM ? 1 : 0;
    }
    assertThat(random).isBetween(520, 680);
    assertThat(EpisodePlan.of(s, 5).seed()).isNotEqualTo(EpisodePlan.of(s, 6).seed());
  }
}
