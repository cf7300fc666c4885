package dev.latentmpc.bench;

import dev.latentmpc.bench.closedloop.BenchReport;
import dev.latentmpc.bench.closedloop.ClosedLoopRunner;
import dev.latentmpc.bench.closedloop.EpisodeResult;
import dev.latentmpc.bench.report.LinePlot;
import dev.latentmpc.bench.video.EpisodeRecorder;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.operator.EpisodeClient;
import dev.latentmpc.deploy.server.LocalSimService;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.GoalConfigurations;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.task.SuccessRules;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.cli.ModelCommand;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the main job on the embedded default bundle, end to end.
 *
 * <p>Prints the bundle's summary ({@code model info}), then starts the service in this process as
 * {@code serve} does in sim mode (the seeded sim scene of {@code --task}/{@code --seed}) and acts
 * as an operator client over a real gRPC socket: renders the episode's goal image(s) with the sim
 * renderer, uploads them, starts the task and prints the live per-step progress (with the distance
 * to the goal the service measures on the sim's ground truth) and the outcome, which the sim's
 * success check decides. It records the episode as an MP4 (each step's camera frame, as the API
 * streamed it, beside its sub-goal image) and plots distance and energy per step.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the main job on the embedded default model bundle: the control service in-process"
          + " on a simulated arm, camera and scene, driven over gRPC like an operator would;"
          + " records the episode as MP4 and plots distance and energy per step.",
      "Exit status: 0 when the episode ran (whatever its outcome), 1 on errors, 2 bad arguments."
    })
final class DemoCommand implements Callable<Integer> {
  /** System property the launcher sets to the repository root. */
  static final String HOME_PROPERTY = ConfigLoader.HOME_PROPERTY;

  /** Frames per second of the episode video (one control step per frame). */
  static final int VIDEO_FPS = 2;

  @Spec CommandSpec spec;

  @Mixin BundleOption bundle = new BundleOption();

  @Option(
      names = "--task",
      paramLabel = "TASK",
      defaultValue = "pick-and-place",
      description =
          "Sim task: reach, grasp, reach-with-object or pick-and-place (default:"
              + " ${DEFAULT-VALUE}, three sub-goal images with the paper's 4/10/4 schedule).")
  String task;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "7",
      description = "Episode and planner seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "15",
      description =
          "Moves of a single-goal task (default: ${DEFAULT-VALUE}; it ends earlier when it"
              + " succeeds); pick-and-place runs 4,10,4.")
  int steps;

  @Option(
      names = "--samples",
      paramLabel = "N",
      defaultValue = "800",
      description = "CEM samples per iteration (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "10",
      description = "CEM iterations per action (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the video, plot and steps.csv go (default: runs/demo-TASK-DATE-TIME).")
  Path out;

  @Option(
      names = "--unpaced",
      description = "Sim moves finish at once instead of taking their real duration.")
  boolean unpaced;

  @Override
  public Integer call() {
    return InProcessRuns.reportingFailures(spec, this::demo);
  }

  private int demo(PrintWriter out, PrintWriter err) {
    SimTask kind;
    try {
      kind = SimTask.parse(task);
    } catch (IllegalArgumentException e) {
      throw new InProcessRuns.UsageException("--task: " + e.getMessage());
    }
    InProcessRuns.requireInRange("--steps", steps, 1, 1_000);
    Path dir = bundle.directory();
    int status = describeModel(dir, out, err);
    if (status != 0) {
      return status;
    }
    return InProcessRuns.withService(
        new LocalSimService.Options(dir, kind, seed, samples, iterations, 10, 1, !unpaced, "demo"),
        "latent-mpc-demo",
        err,
        (service, client) -> runEpisode(service, client, kind, out, err));
  }

  /** Prints {@code model info} and where the weights came from. */
  private static int describeModel(Path dir, PrintWriter out, PrintWriter err) {
    out.println("== latent-mpc demo: world model " + dir);
    ModelSpec spec = ModelSpec.load(dir, false);
    Object source = spec.provenance().getOrDefault("source", "unknown");
    out.println("== weights: " + source);
    if (String.valueOf(source).startsWith("untrained")) {
      out.println(
          "note: this bundle has untrained weights: its timings are real, its predictions (and"
              + " so the outcome) are not");
    }
    out.flush();
    CommandLine model = ModelCommand.commandLine();
    model.setOut(out);
    model.setErr(err);
    return model.execute("info", dir.toString());
  }

  private int runEpisode(
      LocalSimService service,
      EpisodeClient client,
      SimTask kind,
      PrintWriter out,
      PrintWriter err) {
    Episode episode = Episode.create(kind, seed);
    List<Integer> schedule = ClosedLoopRunner.schedule(kind, steps);
    Renderer renderer = new Renderer(service.camera());
    List<byte[]> goals = ClosedLoopRunner.goalImages(renderer, episode);
    Path outDir = InProcessRuns.outputDir(this.out, "demo-" + kind.cliName());
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      err.println("error: cannot create " + outDir + ": " + e.getMessage());
      return 1;
    }
    out.printf(
        "== service: operator API on %s via %s; model %s on %s%n",
        service.address(),
        service.ioDescription(),
        service.model().spec().name(),
        service.model().status().activeProvider());
    out.printf(
        Locale.ROOT,
        "== operator: %s, seed %d, %d goal image(s) (%s) rendered by the sim, steps per goal %s%n",
        kind.cliName(),
        seed,
        goals.size(),
        String.join(", ", GoalConfigurations.names(kind)),
        schedule);
    out.flush();
    Path video = outDir.resolve("episode.mp4");
    EpisodeResult result;
    try (EpisodeRecorder recorder =
        new EpisodeRecorder(
            video,
            VIDEO_FPS,
            kind.cliName() + " seed " + seed,
            goals,
            GoalConfigurations.names(kind),
            schedule.stream().mapToInt(Integer::intValue).sum(),
            episode.distanceM(episode.startWorld()))) {
      Consumer<TaskUpdate> printer = EpisodeClient.printer(out);
      ClosedLoopRunner runner =
          new ClosedLoopRunner(
              client,
              service.scene(),
              service.camera(),
              System::nanoTime,
              CameraSpec.DEFAULT_SIZE_PX,
              "demo");
      try {
        result = runner.run(episode, 0, schedule, printer.andThen(recorder));
      } catch (StatusRuntimeException e) {
        err.println("error: " + EpisodeClient.describe(e, service.address()));
        return 1;
      }
      recorder.finish(
          PngImages.encode(renderer.render(service.scene().world().shapes())),
          result.status() + " after " + result.steps().size() + " steps");
    }
    return summary(out, err, result, video, outDir);
  }

  private static int summary(
      PrintWriter out, PrintWriter err, EpisodeResult result, Path video, Path outDir) {
    Path plot = outDir.resolve("plot.png");
    Path steps = outDir.resolve("steps.csv");
    try {
      LinePlot.writePng(plot, BenchReport.episodePanels(result), 900, 380);
      BenchReport.writeSteps(steps, List.of(result));
    } catch (IOException e) {
      err.println("error: cannot write " + plot + " or " + steps + ": " + e.getMessage());
      return 1;
    }
    String tolerance =
        SuccessRules.toleranceM(result.task()).isPresent()
            ? String.format(
                Locale.ROOT,
                " (tolerance %.2f m)",
                SuccessRules.toleranceM(result.task()).getAsDouble())
            : "";
    out.printf(
        Locale.ROOT,
        "result: %s after %d step(s); distance to goal %.3f m at the start, %.3f m at the end%s%n",
        result.status(),
        result.steps().size(),
        result.initialDistanceM(),
        result.finalDistanceM(),
        tolerance);
    out.printf(
        Locale.ROOT,
        "planning latency per action: median %.1f ms, p95 %.1f ms over %d step(s)%n",
        result.planPercentileSeconds(50) * 1e3,
        result.planPercentileSeconds(95) * 1e3,
        result.planSeconds().length);
    out.println("video: " + video.toAbsolutePath().normalize());
    out.println("plot:  " + plot.toAbsolutePath().normalize());
    out.println("steps: " + steps.toAbsolutePath().normalize());
    out.flush();
    return 0;
  }
}
