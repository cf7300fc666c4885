package dev.latentmpc.bench;

import dev.latentmpc.bench.research.ResearchCommands;
import dev.latentmpc.deploy.CommandLineExtension;
import picocli.CommandLine;

/**
 * Adds this module's commands to {@code latent-mpc}: {@code demo} and {@code bench} at the top, the
 * research commands under {@code sim}. Listed in {@code META-INF/services}, so that {@link
 * dev.latentmpc.deploy.LatentMpc#commandLine()} finds it whenever this module is on the class path.
 */
public final class BenchCommandLine implements CommandLineExtension {

  /** Creates the extension; {@link java.util.ServiceLoader} calls this. */
  public BenchCommandLine() {}

  @Override
  public void extend(CommandLine root) {
    root.addSubcommand(new DemoCommand());
    root.addSubcommand(new ClosedLoopBenchCommand());
    CommandLine sim = root.getSubcommands().get("sim");
    if (sim == null) {
      throw new IllegalStateException("the latent-mpc command line has no 'sim' subcommand");
    }
    ResearchCommands.addTo(sim);
  }
}
