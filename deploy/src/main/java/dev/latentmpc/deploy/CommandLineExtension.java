package dev.latentmpc.deploy;

import picocli.CommandLine;

/**
 * Adds subcommands to the {@code latent-mpc} command line from a module the service does not depend
 * on (the bench module's {@code demo}, {@code bench} and research commands). {@link LatentMpc}
 * finds implementations with {@link java.util.ServiceLoader} on the class path it runs on, so the
 * service's own class path (deploy/target/lib) has none of them and its jar carries none of their
 * code or natives.
 *
 * <p>An implementation is listed in {@code
 * META-INF/services/dev.latentmpc.deploy.CommandLineExtension} and has a public no-argument
 * constructor.
 */
public interface CommandLineExtension {

  /**
   * Adds this module's subcommands to {@code root}, the {@code latent-mpc} command line with its
   * own subcommands (serve, operator, token, model, sim) already registered; {@code help} comes
   * after every extension.
   */
  void extend(CommandLine root);
}
