package dev.latentmpc.bench;

import dev.latentmpc.worldmodel.DefaultBundle;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --bundle} of {@code demo} and {@code bench}: the model they load (a picocli mixin).
 */
final class BundleOption {
  @Option(
      names = "--bundle",
      paramLabel = "DIR",
      description = "Bundle directory (default: the embedded " + DefaultBundle.RELATIVE_DIR + ").")
  Path bundle;

  /** The bundle directory, checked; see {@link InProcessRuns#bundleDir}. */
  Path directory() {
    return InProcessRuns.bundleDir(bundle);
  }
}
