package dev.latentmpc.worldmodel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch side of the bench: runs {@code world-model/python/reference_cem.py}, which times the
 * public V-JEPA 2-AC planning code ({@code mpc_utils.cem} of facebookresearch/vjepa2, from a
 * checkout the user names) on the bundle's own checkpoint, and reads the JSON line it prints.
 *
 * @param medianSeconds median wall time of one planned action
 * @param medianCpuSeconds median CPU time of the calling thread per action (the work of the action
 *     when PyTorch runs on one thread)
 * @param minSeconds fastest action
 * @param maxSeconds slowest action
 * @param actions timed actions
 * @param poseUpdateShare share of the time in the public pose update (scipy, per sample)
 * @param energyDifference max |energy difference| between the public predictor and this project's
 *     rollout on the same weights (a check that both run the same model)
 * @param torchVersion the PyTorch that ran it
 */
record PytorchReference(
    double medianSeconds,
    double medianCpuSeconds,
    double minSeconds,
    double maxSeconds,
    int actions,
    double poseUpdateShare,
    double energyDifference,
    String torchVersion) {

  /** System property naming the installation root; the launcher sets it. */
  static final String HOME_PROPERTY = "latentmpc.home";

  /** The script, relative to the installation root. */
  static final String SCRIPT = "world-model/python/reference_cem.py";

  /** How long the reference may run before the bench gives up on it. */
  private static final long TIMEOUT_MINUTES = 30;

  /**
   * Runs the reference script.
   *
   * @param python the interpreter with PyTorch and scipy (Debian's /usr/bin/python3)
   * @param source root of a facebookresearch/vjepa2 checkout
   * @throws IllegalStateException with the script's last output lines when it fails
   */
  static PytorchReference run(
      Path python,
      Path source,
      Path bundle,
      int samples,
      int iterations,
      int horizon,
      int runs,
      int threads)
      throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty(HOME_PROPERTY, "."));
    List<String> command = new ArrayList<>();
    command.addAll(List.of(python.toString(), home.resolve(SCRIPT).toString()));
    command.addAll(List.of("--bundle", bundle.toString(), "--reference-src", source.toString()));
    command.addAll(List.of("--samples", "" + samples, "--iterations", "" + iterations));
    command.addAll(List.of("--horizon", "" + horizon, "--runs", "" + runs));
    command.addAll(List.of("--threads", "" + threads));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(SCRIPT + " failed: " + tail(output));
    }
    String[] lines = output.strip().split("\\R");
    return parse(lines[lines.length - 1]);
  }

  /** Parses the script's JSON line. */
  static PytorchReference parse(String json) throws IOException {
    JsonNode node = new ObjectMapper().readTree(json);
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (JsonNode s : node.path("seconds_per_action")) {
      min = Math.min(min, s.asDouble());
      max = Math.max(max, s.asDouble());
    }
    return new PytorchReference(
        node.path("median_seconds").asDouble(),
        node.path("median_thread_cpu_seconds").asDouble(),
        min,
        max,
        node.path("seconds_per_action").size(),
        node.path("pose_update_share").asDouble(),
        node.path("max_abs_energy_difference_vs_project").asDouble(),
        node.path("torch").asText());
  }

  private static String tail(String output) {
    String[] lines = output.strip().split("\\R");
    int from = Math.max(0, lines.length - 5);
    return String.join(" | ", List.of(lines).subList(from, lines.length));
  }
}
