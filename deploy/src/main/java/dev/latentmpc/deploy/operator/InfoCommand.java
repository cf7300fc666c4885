package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.BundleFile;
import dev.latentmpc.proto.control.v1.GetServerInfoRequest;
import dev.latentmpc.proto.control.v1.GetServerInfoResponse;
import dev.latentmpc.proto.control.v1.ModelInfo;
import dev.latentmpc.proto.control.v1.PlannerSettings;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code operator info}: the server's version, model, runtime, planner defaults and robots. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Show the server's version, model bundle, runtime, planner defaults and robots.")
final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions server = new ServerOptions();

  @Override
  public Integer call() throws Exception {
    return OperatorSupport.run(
        spec,
        server,
        connection -> {
          GetServerInfoResponse r =
              connection.blocking().getServerInfo(GetServerInfoRequest.getDefaultInstance());
          PrintWriter out = spec.commandLine().getOut();
          ModelInfo m = r.getModel();
          out.println(
              "server:    latent-mpc " + r.getServerVersion() + " at " + connection.address());
          out.println("robots:    " + String.join(", ", r.getRobotIdsList()));
          out.printf(
              Locale.ROOT,
              "model:     %s (encoder %,d + predictor %,d params), %d px input,"
                  + " %d tokens x %d per frame, energy horizons %s%n",
              m.getName(),
              m.getEncoderParams(),
              m.getPredictorParams(),
              m.getImageSizePx(),
              m.getTokensPerFrame(),
              m.getEmbedDim(),
              m.getEnergyHorizonsStepsList());
          out.println(
              "runtime:   ONNX Runtime "
                  + m.getOnnxruntimeVersion()
                  + " on "
                  + m.getProvider()
                  + (m.getProviderFallbackReason().isEmpty()
                      ? ""
                      : " (asked for "
                          + m.getRequestedProvider()
                          + ": "
                          + m.getProviderFallbackReason()
                          + ")"));
          out.println("planner:   " + planner(r.getPlannerDefaults()));
          for (BundleFile f : m.getFilesList()) {
            out.printf(
                Locale.ROOT,
                "  %-20s %,12d bytes  sha256 %s%n",
                f.getName(),
                f.getSizeBytes(),
                f.getSha256());
          }
          out.flush();
          return 0;
        });
  }

  /** Formats planner settings on one line. */
  static String planner(PlannerSettings p) {
    return String.format(
        Locale.ROOT,
        "%d samples x %d iterations, top %d, horizon %d, max norm %.3f m, L1 ball %s",
        p.getSamples(),
        p.getIterations(),
        p.getTopK(),
        p.getHorizonSteps(),
        p.getMaxNormM(),
        p.getL1BallEnabled() ? String.format(Locale.ROOT, "%.3f m", p.getL1BallRadiusM()) : "off");
  }
}
