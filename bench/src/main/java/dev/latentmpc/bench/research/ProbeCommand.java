package dev.latentmpc.bench.research;

import dev.latentmpc.simharness.cli.CliSupport;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the probe subcommands share: their options ({@link ProbeOptions}), the episode range checked
 * before anything is written, usage errors reported by {@link CliSupport#run}, and the line that
 * says what was written.
 */
abstract class ProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProbeOptions options = new ProbeOptions();

  @Override
  public Integer call() throws Exception {
    return CliSupport.run(
        spec,
        () -> {
          options.checkEpisodes();
          return render();
        });
  }

  /**
   * Checks the command's own options, renders the frames and lists them; returns the exit status.
   */
  abstract int render() throws IOException;

  /** Writes one episode's frames and their rows; returns how many frames it wrote. */
  @FunctionalInterface
  interface EpisodeFrames {
    int write(ProbeFrames out, Episode episode) throws IOException;
  }

  /** Where the frames went and how many were written. */
  record Written(Path dir, int frames) {}

  /**
   * Writes the frames of every episode of {@code task} with {@code frames}, listing them in
   * probes.csv under {@code header}.
   */
  Written writeEpisodes(SimTask task, String header, EpisodeFrames frames) throws IOException {
    int count = 0;
    try (ProbeFrames out = new ProbeFrames(options, header)) {
      for (int e = 0; e < options.episodes; e++) {
        count += frames.write(out, Episode.create(task, options.seed + e));
      }
      return new Written(out.directory(), count);
    }
  }

  /**
   * Prints "wrote FRAMES frames of N TASK episodes (seeds A..B{@code seedNote}) and probes.csv to
   * DIR{@code tail}".
   */
  void printWritten(Written written, SimTask task, String seedNote, String tail) {
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "wrote %d frames of %d %s episodes (seeds %d..%d%s) and probes.csv to %s%s%n",
        written.frames(),
        options.episodes,
        task.cliName(),
        options.seed,
        options.seed + options.episodes - 1,
        seedNote,
        written.dir(),
        tail);
    stdout.flush();
  }

  /**
   * The hand's state in {@code world} as CSV fields: x, y, z (metres), extrinsic xyz Euler angles
   * (radians), closedness.
   */
  static String handState(SimWorld world) {
    double[] s = world.state().toVector();
    return String.format(
        Locale.ROOT,
        "%.5f,%.5f,%.5f,%.6f,%.6f,%.6f,%.3f",
        s[0],
        s[1],
        s[2],
        s[3],
        s[4],
        s[5],
        s[6]);
  }
}
