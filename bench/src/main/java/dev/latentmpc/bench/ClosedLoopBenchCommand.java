package dev.latentmpc.bench;

import dev.latentmpc.bench.closedloop.BenchReport;
import dev.latentmpc.bench.closedloop.BenchRows;
import dev.latentmpc.bench.closedloop.BenchSchedules;
import dev.latentmpc.bench.closedloop.ClosedLoopRunner;
import dev.latentmpc.bench.closedloop.EpisodeResult;
import dev.latentmpc.bench.closedloop.TaskSummary;
import dev.latentmpc.deploy.config.TrainingCamera;
import dev.latentmpc.deploy.operator.EpisodeClient;
import dev.latentmpc.deploy.server.LocalSimService;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "Episode i of every row uses seed SEED + i for its scene and its planner. Seeds 0-999"
          + " are for tuning; report on 1000-1049.",
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

  @Mixin BundleOption bundle = new BundleOption();

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
              + " 4/10/4); energy=E:SCHEDULE switches goals once a plan's energy is below E,"
              + " the moves being limits.")
  Map<String, String> maxSteps;

  @Option(
      names = "--also",
      paramLabel = "TASK=SCHEDULE",
      description =
          "A further schedule of a task, reported as its own row (repeatable), e.g."
              + " --also pick-and-place=12/12/6 --also pick-and-place=energy=0.3:12/12/6.")
  List<String> also = new ArrayList<>();

  @Option(
      names = "--gripper",
      paramLabel = "MODE",
      split = ",",
      defaultValue = "model",
      description =
          "Who moves the gripper: model (the planner, the paper's setting) and/or scripted (the"
              + " public cem's close_gripper/axis hooks: open on the approach, close at the grasp"
              + " goal, closed while carrying, open at the end of placing; the model still plans"
              + " the arm), each its own row (default: ${DEFAULT-VALUE}).")
  List<String> grippers;

  @Option(
      names = "--sampling",
      paramLabel = "[TASK:]KEY=VALUE[,...]",
      description =
          "Planner sampling hooks for every goal of TASK (all tasks without it); keys as for"
              + " operator run: "
              + "gripper-std, pin-dx, pin-dy, pin-dz, pin-dgripper, close-from (repeatable).")
  List<String> sampling = new ArrayList<>();

  @Option(
      names = "--goal-sampling",
      paramLabel = "TASK:IMAGE:KEY=VALUE[,...]",
      description =
          "Hooks for the goals showing goal image IMAGE of TASK (pick-and-place: 0 grasp, 1"
              + " carry, 2 place), e.g. pick-and-place:1:gripper-std=0.2 (repeatable).")
  List<String> goalSampling = new ArrayList<>();

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
    List<BenchRows.Row> rows;
    try {
      kinds = tasks();
      rows =
          BenchRows.of(
              kinds,
              BenchSchedules.withOverrides(maxSteps == null ? Map.of() : maxSteps),
              BenchRows.extra("--also", also),
              grippers,
              BenchRows.Sampling.parse(sampling, goalSampling));
    } catch (IllegalArgumentException e) {
      throw new InProcessRuns.UsageException(e.getMessage());
    }
    InProcessRuns.requireInRange("--episodes", episodes, 1, 100_000);
    Path bundleDir = bundle.directory();
    LocalSimService.Options options =
        new LocalSimService.Options(
            bundleDir, kinds.get(0), seed, samples, iterations, topK, horizon, !unpaced, "bench");
    return InProcessRuns.withService(
        options,
        "latent-mpc-bench",
        err,
        (service, client) -> {
          header(out, service, rows);
          List<EpisodeResult> results = new ArrayList<>();
          Path dir = InProcessRuns.outputDir(this.out, "bench");
          int status = runAll(out, err, service, client, rows, dir, results);
          report(out, err, rows, dir, results);
          return status;
        });
  }

  private void header(PrintWriter out, LocalSimService service, List<BenchRows.Row> rows) {
    out.printf(
        Locale.ROOT,
        "== latent-mpc bench: model %s (%s) on %s%n",
        service.model().spec().name(),
        service.config().model().bundleDir(),
        service.model().status().activeProvider());
    out.printf(
        Locale.ROOT,
        "== CEM %d samples x %d iterations, top %d, horizon %d; %d episode(s) per row, seeds %d-%d"
            + " (%s); sim %s, %s%n",
        samples,
        iterations,
        topK,
        horizon,
        episodes,
        seed,
        seed + episodes - 1,
        BenchLines.seedRange(seed, episodes),
        unpaced ? "unpaced (moves finish at once)" : "paced (moves take their real duration)",
        TrainingCamera.describe(service.camera()));
    for (BenchRows.Row row : rows) {
      out.println(BenchLines.row(row));
    }
    out.flush();
  }

  private int runAll(
      PrintWriter out,
      PrintWriter err,
      LocalSimService service,
      EpisodeClient client,
      List<BenchRows.Row> rows,
      Path dir,
      List<EpisodeResult> results) {
    ClosedLoopRunner runner =
        new ClosedLoopRunner(client, service.scene(), service.camera(), System::nanoTime);
    for (BenchRows.Row row : rows) {
      for (int i = 0; i < episodes; i++) {
        EpisodeResult r;
        try {
          r = runner.run(Episode.create(row.task(), seed + i), i, row.plan(), update -> {});
        } catch (StatusRuntimeException e) {
          err.println("error: " + EpisodeClient.describe(e, service.address()));
          return 1; // The episodes so far are still reported.
        } catch (IllegalStateException e) {
          err.println("error: " + e.getMessage());
          return 1;
        }
        results.add(r);
        out.println(BenchLines.progress(r, episodes));
        out.flush();
        try {
          BenchReport.writeProgress(dir, results);
        } catch (IOException e) {
          err.println(
              "warning: cannot write the episodes so far to " + dir + ": " + e.getMessage());
        }
      }
    }
    return 0;
  }

  private void report(
      PrintWriter out,
      PrintWriter err,
      List<BenchRows.Row> rows,
      Path dir,
      List<EpisodeResult> results) {
    List<TaskSummary> summaries = new ArrayList<>();
    for (BenchRows.Row row : rows) {
      List<EpisodeResult> ofRow =
          results.stream()
              .filter(r -> r.task() == row.task() && r.row().equals(row.plan()))
              .toList();
      if (!ofRow.isEmpty()) {
        summaries.add(TaskSummary.of(row.task(), ofRow));
      }
    }
    out.println();
    out.print(BenchReport.table(summaries));
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
}
