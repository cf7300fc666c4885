package dev.latentmpc.bench.closedloop;

import dev.latentmpc.deploy.LatentMpc;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.simharness.cli.CommandLineRuns;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs {@code latent-mpc bench ARGS} in-process with the repository as the home directory. */
final class BenchCli {
  /** Exit status and what the command printed. */
  record Result(int status, String stdout, String stderr) {}

  private BenchCli() {}

  static Result run(String... args) {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    System.setProperty(ConfigLoader.HOME_PROPERTY, Path.of("..").toAbsolutePath().toString());
    try {
      String[] all = new String[args.length + 1];
      all[0] = "bench";
      System.arraycopy(args, 0, all, 1, args.length);
      int status = CommandLineRuns.execute(LatentMpc.commandLine(), stdout, stderr, all);
      return new Result(status, stdout.toString(), stderr.toString());
    } finally {
      System.clearProperty(ConfigLoader.HOME_PROPERTY);
    }
  }
}
