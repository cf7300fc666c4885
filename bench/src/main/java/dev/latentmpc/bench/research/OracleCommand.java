package dev.latentmpc.bench.research;

import dev.latentmpc.simharness.cli.CliSupport;
import dev.latentmpc.simharness.cli.SimUsageException;
import dev.latentmpc.simharness.cli.TaskOption;
import dev.latentmpc.simharness.oracle.Oracle;
import dev.latentmpc.simharness.oracle.OracleConfig;
import dev.latentmpc.simharness.oracle.OracleResult;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sim oracle}: runs the scripted ground-truth controller on seeded episodes. */
@Command(
    name = "oracle",
    mixinStandardHelpOptions = true,
    description = {
      "Run the scripted ground-truth controller on episodes with seeds SEED, SEED+1, ...",
      "Prints its success rate, mean steps and mean final distance per task."
    })
final class OracleCommand implements Callable<Integer> {
  private static final int LISTED_FAILURES = 10;

  @Spec CommandSpec spec;

  @Option(
      names = "--task",
      required = true,
      paramLabel = "TASK[,TASK...]",
      description = "reach, grasp, reach-with-object, pick-and-place, a comma list, or all.")
  String tasks;

  @Mixin EpisodeRange range = new EpisodeRange();

  @Option(
      names = "--noise",
      paramLabel = "M",
      defaultValue = "0",
      description =
          "Gaussian noise per axis on each action, metres, 0..0.1 (default: ${DEFAULT-VALUE}).")
  double noiseStdM;

  @Option(
      names = "--random-action-probability",
      paramLabel = "P",
      defaultValue = "0",
      description = "Chance per step of a random action instead, 0..1 (default: ${DEFAULT-VALUE}).")
  double randomActionProbability;

  @Option(
      names = "--max-steps",
      defaultValue = "0",
      description =
          "Step budget per episode, 0 = the per-task default (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Override
  public Integer call() throws Exception {
    return CliSupport.run(spec, this::runAll);
  }

  private int runAll() {
    List<SimTask> kinds = TaskOption.parseList(tasks);
    range.checkEpisodes();
    if (maxSteps < 0) {
      throw new SimUsageException("--max-steps must be >= 0, got " + maxSteps);
    }
    OracleConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    for (SimTask kind : kinds) {
      out.println(runTask(kind, config));
      out.flush();
    }
    return 0;
  }

  private OracleConfig config() {
    try {
      return OracleConfig.noisy(noiseStdM, randomActionProbability);
    } catch (IllegalArgumentException e) {
      throw new SimUsageException(
          "--noise must be in [0, 0.1] m and --random-action-probability in [0, 1], got "
              + noiseStdM
              + " and "
              + randomActionProbability);
    }
  }

  private String runTask(SimTask kind, OracleConfig config) {
    int budget = maxSteps > 0 ? maxSteps : Oracle.defaultMaxSteps(kind);
    int successes = 0;
    long steps = 0;
    double distanceM = 0;
    double simSeconds = 0;
    List<Long> failed = new ArrayList<>();
    for (int i = 0; i < range.episodes; i++) {
      long s = range.seed + i;
      Oracle oracle = new Oracle(config, new SplittableRandom(s ^ 0x0EACL));
      OracleResult r = oracle.run(Episode.create(kind, s), budget);
      successes += r.success() ? 1 : 0;
      steps += r.steps();
      distanceM += r.finalDistanceM();
      simSeconds += r.simSeconds();
      if (!r.success() && failed.size() < LISTED_FAILURES) {
        failed.add(s);
      }
    }
    return String.format(
        Locale.ROOT,
        "%-17s %d/%d solved (%.1f %%), mean %.1f steps, mean final distance %.4f m,"
            + " mean %.2f s simulated (seeds %d..%d, budget %d steps)%s",
        kind.cliName(),
        successes,
        range.episodes,
        100.0 * successes / range.episodes,
        (double) steps / range.episodes,
        distanceM / range.episodes,
        simSeconds / range.episodes,
        range.seed,
        range.seed + range.episodes - 1,
        budget,
        failed.isEmpty() ? "" : "; failed seeds " + failed);
  }
}
