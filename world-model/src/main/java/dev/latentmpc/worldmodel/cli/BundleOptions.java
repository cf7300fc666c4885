package dev.latentmpc.worldmodel.cli;

import dev.latentmpc.worldmodel.BundleException;
import dev.latentmpc.worldmodel.ExecutionProvider;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import dev.latentmpc.worldmodel.onnx.RuntimeOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by the {@code model} subcommands: which bundle, and how to run it. */
final class BundleOptions {
  @Parameters(
      index = "0",
      paramLabel = "BUNDLE",
      description = "Bundle directory (holds model.json).")
  Path bundle;

  @Option(
      names = "--provider",
      defaultValue = "CPU",
      description = "Execution provider: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ExecutionProvider provider;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "Intra-op threads; 0 = one per core (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--no-verify",
      description = "Skip the sha256 check of the bundle files (sizes are still checked).")
  boolean noVerify;

  RuntimeOptions runtimeOptions() {
    return RuntimeOptions.builder()
        .provider(provider)
        .intraOpThreads(threads)
        .verifyChecksums(!noVerify)
        .build();
  }

  /** Opens the bundle, or prints one line naming the fix to {@code err} and returns empty. */
  Optional<OnnxWorldModel> open(PrintWriter err) {
    if (!Files.isDirectory(bundle)) {
      err.println(
          "error: bundle directory "
              + bundle
              + " does not exist; pass the directory that holds model.json"
              + " (written by world-model/python/export.py)");
      return Optional.empty();
    }
    try {
      return Optional.of(OnnxWorldModel.open(bundle, runtimeOptions()));
    } catch (BundleException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return Optional.empty();
    }
  }
}
