package dev.latentmpc.worldmodel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The PyTorch side's summary: the JSON object {@code world-model/python/reference_cem.py} prints
 * over the actions it timed (its last line in the one-shot mode, its answer to the end of input in
 * {@code --serve} mode, see {@link ReferenceSession}).
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

  /** Parses the script's summary line. */
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
}
