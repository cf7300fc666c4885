package dev.latentmpc.deploy;

import dev.latentmpc.deploy.operator.OperatorCommand;
import dev.latentmpc.simharness.cli.SimCommand;
import dev.latentmpc.worldmodel.cli.ModelCommand;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code latent-mpc} command line: the top-level command that every module's subcommand hangs
 * off.
 *
 * <p>The service's subcommands are registered here, in the composition root, so modules never know
 * about each other's commands; tools outside the service (the bench module's {@code demo}, {@code
 * bench} and research commands) join through {@link CommandLineExtension} when they are on the
 * class path. Run without a subcommand it prints usage and exits with status 2.
 */
@Command(
    name = "latent-mpc",
    mixinStandardHelpOptions = true,
    versionProvider = LatentMpc.ManifestVersion.class,
    description = "Plans Franka arm motions in the latent space of the V-JEPA 2-AC world model.",
    subcommands = {
      ServeCommand.class,
      OperatorCommand.class,
      TokenCommand.class,
      ModelCommand.class,
      SimCommand.class
    })
public final class LatentMpc implements Runnable {

  @Spec private CommandSpec spec;

  /** Creates the command; picocli injects the command spec. */
  public LatentMpc() {}

  /**
   * Builds the fully wired command line, ready to {@link CommandLine#execute execute}.
   *
   * @return the {@code latent-mpc} command line with all subcommands registered: the service's and
   *     those of every {@link CommandLineExtension} on the class path
   */
  public static CommandLine commandLine() {
    CommandLine root = new CommandLine(new LatentMpc());
    for (CommandLineExtension extension : ServiceLoader.load(CommandLineExtension.class)) {
      extension.extend(root);
    }
    root.addSubcommand(new HelpCommand());
    // Last, so that it reaches the added subcommands too.
    return root.setCaseInsensitiveEnumValuesAllowed(true);
  }

  /**
   * Entry point used by {@code deploy/bin/latent-mpc}.
   *
   * @param args command-line arguments, passed to picocli unchanged
   */
  public static void main(String[] args) {
    quietServiceLogsFor(args);
    JulBridge.install();
    System.exit(commandLine().execute(args));
  }

  /** Subcommands that run the service in-process and print their own per-step report. */
  private static final Set<String> REPORTING_COMMANDS = Set.of("demo", "bench");

  /**
   * {@code demo} and {@code bench} print their own progress on stdout; the in-process service's
   * INFO log lines (task accepted, audit, shutdown) would interleave with it on the terminal, so
   * these two log at WARN unless the user chose a level ({@code
   * -Dorg.slf4j.simpleLogger.defaultLogLevel}). Must run before the first logger is created.
   */
  static void quietServiceLogsFor(String[] args) {
    String property = "org.slf4j.simpleLogger.defaultLogLevel";
    if (args.length > 0
        && REPORTING_COMMANDS.contains(args[0])
        && System.getProperty(property) == null) {
      System.setProperty(property, "warn");
    }
  }

  /** Returns this build's version from the jar manifest, or "development" outside a jar. */
  public static String version() {
    String version = LatentMpc.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /** Reached only when no subcommand was given: report it as a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** Reports the version recorded in the jar manifest at build time. */
  static final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = LatentMpc.class.getPackage().getImplementationVersion();
      return new String[] {"latent-mpc " + (version == null ? "(development build)" : version)};
    }
  }
}
