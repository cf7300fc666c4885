package dev.latentmpc.worldmodel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One action planned by the public PyTorch code, as {@code reference_cem.py --serve} answers an
 * {@code action} line.
 *
 * @param seconds wall time of the action
 * @param threadCpuSeconds CPU time of the script's calling thread (the work of the action when
 *     PyTorch runs on one thread)
 * @param poseUpdateSeconds time spent in the public pose update (scipy, per sample)
 */
record ReferenceAction(double seconds, double threadCpuSeconds, double poseUpdateSeconds) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Parses one answer line.
   *
   * @throws IOException when the line is not a JSON object with the three positive-or-zero timings
   */
  static ReferenceAction parse(String line) throws IOException {
    JsonNode node = JSON.readTree(line);
    if (node == null || !node.isObject()) {
      throw new IOException("expected a JSON object per action, got: " + line);
    }
    return new ReferenceAction(
        seconds(node, "seconds", line),
        seconds(node, "thread_cpu_seconds", line),
        seconds(node, "pose_update_seconds", line));
  }

  private static double seconds(JsonNode node, String field, String line) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber() || value.asDouble() < 0) {
      throw new IOException(
          "field '" + field + "' missing or not a non-negative number in: " + line);
    }
    return value.asDouble();
  }
}
