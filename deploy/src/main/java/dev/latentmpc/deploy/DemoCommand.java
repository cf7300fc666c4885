package dev.latentmpc.deploy;

import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.worldmodel.cli.ModelCommand;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the main job on the embedded default bundle.
 *
 * <p>Until the planner, controller and the sim-trained default model exist, the main job shows the
 * world-model runtime end to end on the bundled model: its summary ({@code model info}) and one
 * encode plus one CEM-sized batched energy call ({@code model bench}) with achieved GFLOP/s against
 * the machine's matrix-product peak. The bundled model has untrained weights; its timings are real,
 * its predictions are not meaningful.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the main job on the embedded default model bundle.")
final class DemoCommand implements Callable<Integer> {
  /** System property the launcher sets to the repository root. */
  static final String HOME_PROPERTY = ConfigLoader.HOME_PROPERTY;

  /** The embedded default, relative to the repository root. */
  static final Path DEFAULT_BUNDLE = ConfigLoader.DEFAULT_BUNDLE;

  @Spec CommandSpec spec;

  @Option(
      names = "--bundle",
      description =
          "Bundle directory (default: the embedded " + "world-model/bundles/untrained-small64).")
  Path bundle;

  @Option(
      names = "--runs",
      defaultValue = "7",
      description = "Timed runs (default: ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = bundle != null ? bundle : defaultBundle();
    if (!Files.isRegularFile(dir.resolve("model.json"))) {
      spec.commandLine()
          .getErr()
          .println(
              "error: no model bundle at "
                  + dir
                  + "; run from a checkout of the repository or pass --bundle DIR");
      return 2;
    }
    out.println("== latent-mpc demo: world model " + dir);
    out.println(
        "note: the embedded bundle has untrained weights (timings are real; predictions are not)");
    out.flush();
    CommandLine model = ModelCommand.commandLine();
    model.setOut(out);
    model.setErr(spec.commandLine().getErr());
    int status = model.execute("info", dir.toString());
    if (status != 0) {
      return status;
    }
    return model.execute("bench", dir.toString(), "--runs", Integer.toString(runs));
  }

  private static Path defaultBundle() {
    return ConfigLoader.home().resolve(DEFAULT_BUNDLE);
  }
}
