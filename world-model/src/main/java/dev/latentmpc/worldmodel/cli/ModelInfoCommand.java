package dev.latentmpc.worldmodel.cli;

import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.RuntimeStatus;
import dev.latentmpc.worldmodel.onnx.OnnxWorldModel;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code model info BUNDLE}: opens a bundle and prints what it holds and where it runs. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print a bundle's architecture, horizons, provider and files.")
final class ModelInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BundleOptions bundle = new BundleOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<OnnxWorldModel> opened = bundle.open(spec.commandLine().getErr());
    if (opened.isEmpty()) {
      return ModelCommand.EXIT_BAD_BUNDLE;
    }
    try (OnnxWorldModel model = opened.get()) {
      print(out, model.spec(), model.status());
    }
    return 0;
  }

  private void print(PrintWriter out, ModelSpec s, RuntimeStatus status) {
    out.printf("bundle     %s%n", bundle.bundle.toAbsolutePath().normalize());
    out.printf("name       %s (opset %d, compute %s)%n", s.name(), s.opset(), s.computeDtype());
    printArchitecture(out, s);
    out.printf("horizons   %s%n", s.energyHorizons());
    printFlops(out, s.flops());
    out.printf(
        "provider   %s (requested %s%s), ONNX Runtime %s%n",
        status.activeProvider(),
        status.requestedProvider(),
        status.fallbackReason().map(r -> "; fell back: " + r).orElse(""),
        status.runtimeVersion());
    String label = "files";
    for (Map.Entry<String, ModelSpec.BundleFile> f : s.files().entrySet()) {
      out.printf(
          "%-10s %-20s %,14d bytes  sha256 %s%n",
          label, f.getKey(), f.getValue().bytes(), f.getValue().sha256());
      label = "";
    }
    s.provenance().forEach((k, v) -> out.printf("provenance %s = %s%n", k, v));
    out.flush();
  }

  private static void printArchitecture(PrintWriter out, ModelSpec s) {
    var e = s.encoder();
    var p = s.predictor();
    var l = s.latent();
    var in = s.input();
    out.printf(
        "encoder    %s params, dim %d, depth %d, heads %d, patch %d, tubelet %d%n",
        Format.count(e.params()),
        e.embedDim(),
        e.depth(),
        e.numHeads(),
        e.patchSize(),
        e.tubeletSize());
    out.printf(
        "predictor  %s params, dim %d, depth %d, heads %d, max frames %d%n",
        Format.count(p.params()), p.embedDim(), p.depth(), p.numHeads(), p.maxFrames());
    out.printf(
        "latent     %d tokens (%dx%d) x %d, %s%n",
        l.tokensPerFrame(), l.gridHeight(), l.gridWidth(), l.dim(), l.normalization());
    out.printf(
        "input      %dx%d crop of short side %d, tubelet %d, mean %s, std %s%n",
        in.imageSize(),
        in.imageSize(),
        in.resizeShortSide(),
        in.tubeletSize(),
        in.mean(),
        in.std());
  }

  private static void printFlops(PrintWriter out, ModelSpec.Flops flops) {
    StringBuilder energy = new StringBuilder();
    flops
        .energyPerSample()
        .forEach((h, f) -> energy.append(", h").append(h).append(' ').append(Format.flops(f)));
    out.printf(
        "flops      encoder %s per frame; energy per sample%s%n",
        Format.flops(flops.encoderPerFrame()), energy.length() == 0 ? " n/a" : energy.substring(1));
  }
}
