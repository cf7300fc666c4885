package dev.latentmpc.simharness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentmpc.simharness.dataset.DatasetGenerator;
import dev.latentmpc.simharness.dataset.DatasetSettings;
import dev.latentmpc.simharness.dataset.DatasetSummary;
import dev.latentmpc.simharness.dataset.ProgressBar;
import dev.latentmpc.simharness.dataset.SimEpisodeSource;
import dev.latentmpc.simharness.render.AppearanceJitter;
import dev.latentmpc.simharness.task.SimTask;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sim dataset}: generates training episodes (see sim-harness/DATASET.md). */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = {
      "Generate seeded training episodes at 4 fps: noisy scripted demonstrations (successes and"
          + " failures) and random motions, as frames.npy/states.npy/actions.npy/meta.json per"
          + " episode plus dataset.json (format: sim-harness/DATASET.md).",
      "Resumable: rerunning the same command skips complete episodes."
    })
final class DatasetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset directory.")
  Path out;

  @Option(names = "--episodes", required = true, description = "Number of episodes, >= 1.")
  int episodes;

  @Option(
      names = "--random-fraction",
      paramLabel = "F",
      defaultValue = "0.3",
      description = "Share of random-motion episodes, 0..1 (default: ${DEFAULT-VALUE}).")
  double randomFraction;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Dataset seed, >= 0 (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--task",
      paramLabel = "TASK[,TASK...]",
      defaultValue = "all",
      description =
          "Tasks cycled over the episodes: a comma list or all (default: ${DEFAULT-VALUE}).")
  String tasks;

  @Option(
      names = "--jitter",
      defaultValue = "none",
      description =
          "Per-episode camera, light and table-texture variation: none or moderate"
              + " (default: ${DEFAULT-VALUE}).")
  String jitter;

  @Option(
      names = "--demo-noise",
      paramLabel = "M",
      defaultValue = "" + DatasetSettings.DEFAULT_DEMO_NOISE_STD_M,
      description =
          "Largest Gaussian action noise of a demonstration, metres per axis; each demo draws its"
              + " level in [0, M] (default: ${DEFAULT-VALUE}).")
  double demoNoiseStdM;

  @Option(
      names = "--demo-random-action-probability",
      paramLabel = "P",
      defaultValue = "" + DatasetSettings.DEFAULT_DEMO_RANDOM_ACTION_PROBABILITY,
      description =
          "Largest chance per demo step of a random action, scaled like the noise"
              + " (default: ${DEFAULT-VALUE}).")
  double demoRandomActionProbability;

  @Option(
      names = "--max-demo-steps",
      defaultValue = "0",
      description =
          "Step limit of a demonstration, 0 = per-task default (default: ${DEFAULT-VALUE}).")
  int maxDemoSteps;

  @Option(
      names = "--random-steps",
      defaultValue = "" + DatasetSettings.DEFAULT_RANDOM_STEPS,
      description = "Actions per random-motion episode (default: ${DEFAULT-VALUE}).")
  int randomSteps;

  @Option(
      names = "--random-max-delta",
      paramLabel = "M",
      defaultValue = "" + DatasetSettings.DEFAULT_RANDOM_MAX_DELTA_M,
      description =
          "Largest |dx|, |dy|, |dz| of a random action, metres (default: ${DEFAULT-VALUE}).")
  double randomMaxDeltaM;

  @Option(
      names = "--random-gripper-probability",
      paramLabel = "P",
      defaultValue = "" + DatasetSettings.DEFAULT_RANDOM_GRIPPER_PROBABILITY,
      description =
          "Chance per random step of a gripper change uniform in [-1, 1] (default:"
              + " ${DEFAULT-VALUE}).")
  double randomGripperProbability;

  @Option(
      names = "--random-gripper-still-probability",
      paramLabel = "P",
      defaultValue = "" + DatasetSettings.DEFAULT_RANDOM_GRIPPER_STILL_PROBABILITY,
      description =
          "Chance that a random gripper change holds the hand still, so the fingers' effect is"
              + " seen apart from motion (default: ${DEFAULT-VALUE}).")
  double randomGripperStillProbability;

  @Option(
      names = "--workers",
      defaultValue = "0",
      description = "Threads making episodes, 0 = one per core (default: ${DEFAULT-VALUE}).")
  int workers;

  @Mixin CameraOptions cameraOptions = new CameraOptions();

  @Override
  public Integer call() throws Exception {
    return CliSupport.run(spec, this::generate);
  }

  private int generate() throws IOException, InterruptedException {
    DatasetSettings settings = settings();
    int threads = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    if (workers < 0) {
      throw new SimUsageException("--workers must be >= 0, got " + workers);
    }
    Path dir = CliSupport.writableDirectory("--out", out);
    DatasetGenerator generator =
        new DatasetGenerator(settings, new SimEpisodeSource(settings), threads, new ObjectMapper());
    int complete = generator.completeEpisodes(dir);
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar =
        new ProgressBar(err, System::nanoTime, System.console() != null, episodes, complete);
    DatasetSummary summary;
    try {
      summary = generator.generate(dir, bar);
    } catch (DatasetGenerator.IncompatibleDatasetException e) {
      throw new SimUsageException(e.getMessage());
    }
    report(dir, settings, threads, complete, summary);
    return 0;
  }

  private DatasetSettings settings() {
    List<String> names = TaskOption.parseList(tasks).stream().map(SimTask::cliName).toList();
    CliSupport.positive("--episodes", episodes);
    CliSupport.seed(seed);
    try {
      return new DatasetSettings(
          episodes,
          seed,
          randomFraction,
          names,
          cameraOptions.camera(),
          jitter(),
          demoNoiseStdM,
          demoRandomActionProbability,
          maxDemoSteps,
          randomSteps,
          randomMaxDeltaM,
          randomGripperProbability,
          randomGripperStillProbability);
    } catch (IllegalArgumentException e) {
      throw new SimUsageException(e.getMessage() + "; see sim dataset --help");
    }
  }

  private AppearanceJitter jitter() {
    return switch (jitter) {
      case "none" -> AppearanceJitter.NONE;
      case "moderate" -> AppearanceJitter.MODERATE;
      default ->
          throw new SimUsageException(
              "unknown --jitter '" + jitter + "'; pass --jitter none or --jitter moderate");
    };
  }

  private void report(
      Path dir, DatasetSettings s, int threads, int complete, DatasetSummary summary) {
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "dataset %s: %d episodes made (%d already complete), %d frames in %.1f s:"
            + " %.2f episodes/s, %.1f frames/s (%d workers, %dx%d px)%n",
        dir,
        summary.generated(),
        complete,
        summary.frames(),
        summary.elapsed().toNanos() / 1e9,
        summary.episodesPerSecond(),
        summary.framesPerSecond(),
        threads,
        s.camera().widthPx(),
        s.camera().heightPx());
    if (summary.generated() > 0) {
      stdout.printf(
          Locale.ROOT,
          "  demos %d (%d successful, %.0f %%), random motions %d%n",
          summary.demos(),
          summary.demoSuccesses(),
          summary.demos() == 0 ? 0.0 : 100.0 * summary.demoSuccesses() / summary.demos(),
          summary.randoms());
    }
    stdout.flush();
  }
}
