package dev.latentmpc.bench;

import dev.latentmpc.bench.closedloop.BenchReport;
import dev.latentmpc.bench.closedloop.BenchSchedules;
import dev.latentmpc.bench.closedloop.ClosedLoopRunner;
import dev.latentmpc.bench.closedloop.EpisodeResult;
import dev.latentmpc.bench.closedloop.TaskSummary;
import dev.latentmpc.deploy.LatentMpc;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.TrainingCamera;
import dev.latentmpc.deploy.operator.EpisodeClient;
import dev.latentmpc.deploy.server.LocalSimService;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.worldmodel.DefaultBundle;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the closed-loop benchmark. Starts the service in this process on the simulated
 * robot (as {@code demo} does: real model, CEM planner, safety envelope and operator API over a
 * real socket) and runs {@code --episodes} seeded episodes per task through it, resetting the sim
 * scene between episodes; the service's ground truth decides success. Prints one line per episode
 * and a table per task, and writes CSV files and distance-to-goal plots (see {@link BenchReport}).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Closed-loop benchmark: seeded sim episodes per task through the real service (model,"
          + " CEM, safety envelope, gRPC), with success rate, final distance, steps, planning"
          + " latency per action and wall time; writes CSV and PNG plots.",
      "Episode i of every task uses seed SEED + i for its scene and its planner.",
      "Exit status: 0 when every episode ran (whatever its outcome), 1 on errors, 2 bad"
          + " arguments."
    })
final class ClosedLoopBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--tasks",
      paramLabel = "TASK",
      split = ",",
      defaultValue = "reach,grasp,reach-with-object,pick-and-place",
      description = "Tasks to run, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> tasks;

  @Option(
      names = "--episodes",
      paramLabel = "N",
      defaultValue = "50",
      description = "Episodes per task (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "0",
      description = "Seed of the first episode (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--bundle",
      paramLabel = "DIR",
      description = "Bundle directory (default: the embedded " + DefaultBundle.RELATIVE_DIR + ").")
  Path bundle;

  @Option(
      names = "--samples",
      paramLabel = "N",
      defaultValue = "800",
      description = "CEM samples per iteration (default: the paper's ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "10",
      description = "CEM iterations per action (default: the paper's ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--top-k",
      paramLabel = "N",
      defaultValue = "10",
      description = "CEM elites (default: the paper's ${DEFAULT-VALUE}).")
  int topK;

  @Option(
      names = "--horizon",
      paramLabel = "H",
      defaultValue = "1",
      description =
          "Planning horizon in steps; the bundle needs energy_hH.onnx (default: the paper's"
              + " ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--max-steps",
      paramLabel = "TASK=N",
      split = ",",
      description =
          "Moves per episode, e.g. reach=20,grasp=25 (defaults: reach 20, grasp 25,"
              + " reach-with-object 30); an episode ends earlier when it succeeds. Pick-and-place"
              + " takes moves per sub-goal, e.g. pick-and-place=8/10/4 (default: the paper's"
              + " 4/10/4).")
  Map<String, String> maxSteps;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the CSV files and plots go (default: runs/bench-DATE-TIME).")
  Path out;

  @Option(
      names = "--unpaced",
      description =
          "Sim moves finish at once instead of taking their real duration: saves the move time"
              + " of every step (the execute phase); plans, moves and outcomes stay the same.")
  boolean unpaced;

  @Override
  public Integer call() {
    return InProcessRuns.reportingFailures(spec, this::bench);
  }

  private int bench(PrintWriter out, PrintWriter err) {
    List<SimTask> kinds;
    Map<SimTask, List<Integer>> steps;
    try {
      kinds = tasks();
      steps = schedules();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    if (episodes < 1 || episodes > 100_000) {
      err.println("error: --episodes must be in [1, 100000], got " + episodes);
      return 2;
    }
    Path dir = InProcessRuns.bundleDir(bundle, err);
    if (dir == null) {
      return 2;
    }
    LocalSimService service;
    try {
      service =
          LocalSimService.start(
              new LocalSimService.Options(
                  dir, kinds.get(0), seed, samples, iterations, topK, horizon, !unpaced, "bench"),
              LatentMpc.version());
    } catch (LocalSimService.StartException e) {
      err.println("error: " + e.getMessage());
      return e.exitStatus();
    }
    try (service;
        EpisodeClient client = EpisodeClient.connect(service.address(), "latent-mpc-bench")) {
      header(out, service, kinds, steps);
      List<EpisodeResult> results = new ArrayList<>();
      int status = runAll(out, err, service, client, kinds, steps, results);
      report(out, err, kinds, results);
      return status;
    }
  }

  private void header(
      PrintWriter out,
      LocalSimService service,
      List<SimTask> kinds,
      Map<SimTask, List<Integer>> steps) {
    out.printf(
        Locale.ROOT,
        "== latent-mpc bench: model %s (%s) on %s%n",
        service.model().spec().name(),
        service.config().model().bundleDir(),
        service.model().status().activeProvider());
    out.printf(
        Locale.ROOT,
        "== CEM %d samples x %d iterations, top %d, horizon %d; %d episode(s) per task from seed"
            + " %d; sim %s, %s%n",
        samples,
        iterations,
        topK,
        horizon,
        episodes,
        seed,
        unpaced ? "unpaced (moves finish at once)" : "paced (moves take their real duration)",
        TrainingCamera.describe(service.camera()));
    for (SimTask k : kinds) {
      out.printf(Locale.ROOT, "   %-18s moves per goal %s%n", k.cliName(), steps.get(k));
    }
    out.flush();
  }

  private int runAll(
      PrintWriter out,
      PrintWriter err,
      LocalSimService service,
      EpisodeClient client,
      List<SimTask> kinds,
      Map<SimTask, List<Integer>> steps,
      List<EpisodeResult> results) {
    ClosedLoopRunner runner =
        new ClosedLoopRunner(client, service.scene(), service.camera(), System::nanoTime);
    for (SimTask kind : kinds) {
      List<Integer> schedule = steps.get(kind);
      for (int i = 0; i < episodes; i++) {
        EpisodeResult r;
        try {
          r = runner.run(Episode.create(kind, seed + i), i, schedule, update -> {});
        } catch (StatusRuntimeException e) {
          err.println("error: " + EpisodeClient.describe(e, service.address()));
          return 1; // The episodes so far are still reported.
        } catch (IllegalStateException e) {
          err.println("error: " + e.getMessage());
          return 1;
        }
        results.add(r);
        out.println(progressLine(r, episodes));
        out.flush();
      }
    }
    return 0;
  }

  /** One line per episode, e.g. {@code reach 3/50 seed 2: succeeded after 7 steps, ...}. */
  static String progressLine(EpisodeResult r, int episodes) {
    return String.format(
        Locale.ROOT,
        "%-18s %4d/%d seed %d: %-9s after %2d steps, distance %.3f -> %.3f m, plan p50 %.0f ms,"
            + " %.1f s%s",
        r.task().cliName(),
        r.index() + 1,
        episodes,
        r.seed(),
        r.status(),
        r.steps().size(),
        r.initialDistanceM(),
        r.finalDistanceM(),
        r.planPercentileSeconds(50) * 1e3,
        r.wallSeconds(),
        r.status().equals("failed") || r.status().equals("cancelled")
            ? " (" + r.reason() + ")"
            : "");
  }

  private void report(
      PrintWriter out, PrintWriter err, List<SimTask> kinds, List<EpisodeResult> results) {
    List<TaskSummary> summaries = new ArrayList<>();
    for (SimTask k : kinds) {
      List<EpisodeResult> ofTask = results.stream().filter(r -> r.task() == k).toList();
      if (!ofTask.isEmpty()) {
        summaries.add(TaskSummary.of(k, ofTask));
      }
    }
    out.println();
    out.print(BenchReport.table(summaries));
    Path dir = outputDir();
    try {
      List<Path> files = BenchReport.write(dir, summaries, results);
      out.println("wrote " + files.size() + " files to " + dir.toAbsolutePath().normalize() + ":");
      for (Path f : files) {
        out.println("  " + f.getFileName());
      }
    } catch (IOException e) {
      err.println("error: cannot write the results to " + dir + ": " + e.getMessage());
    }
  }

  private Path outputDir() {
    if (out != null) {
      return out;
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return ConfigLoader.home().resolve("runs").resolve("bench-" + stamp);
  }

  private List<SimTask> tasks() {
    List<SimTask> kinds = new ArrayList<>();
    for (String name : tasks) {
      SimTask k = SimTask.parse(name);
      if (!kinds.contains(k)) {
        kinds.add(k);
      }
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("--tasks names no task; valid: " + SimTask.validNames());
    }
    return kinds;
  }

  private Map<SimTask, List<Integer>> schedules() {
    return BenchSchedules.withOverrides(maxSteps == null ? Map.of() : maxSteps);
  }
}
