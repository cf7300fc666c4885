package dev.latentmpc.bench.research;

import picocli.CommandLine;

/** Registers the research commands as subcommands of {@code sim}. */
public final class ResearchCommands {
  private ResearchCommands() {}

  /**
   * Adds {@code oracle}, {@code reach-probes}, {@code grasp-probes} and {@code carry-probes} to
   * {@code sim}.
   */
  public static void addTo(CommandLine sim) {
    sim.addSubcommand(new OracleCommand());
    sim.addSubcommand(new ReachProbesCommand());
    sim.addSubcommand(new GraspProbesCommand());
    sim.addSubcommand(new CarryProbesCommand());
  }
}
