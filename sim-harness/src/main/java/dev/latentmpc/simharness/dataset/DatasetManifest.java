package dev.latentmpc.simharness.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.render.AppearanceJitter;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.task.Episode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code dataset.json}: format version, image size, fps, camera, generator settings and seed.
 * Written atomically; a resumed run must find the same settings (only the episode count may
 * change).
 */
public final class DatasetManifest {
  /** Format name in {@code dataset.json}. */
  public static final String FORMAT = "latent-mpc-sim-dataset";

  /** Version of the on-disk format; readers reject versions they do not know. */
  public static final int FORMAT_VERSION = 1;

  /** File name of the manifest. */
  public static final String FILE = "dataset.json";

  static final List<String> STATE_FIELDS =
      List.of("x_m", "y_m", "z_m", "roll_rad", "pitch_rad", "yaw_rad", "gripper_closedness");
  static final List<String> ACTION_FIELDS =
      List.of("dx_m", "dy_m", "dz_m", "droll_rad", "dpitch_rad", "dyaw_rad", "dgripper");

  private DatasetManifest() {}

  /** The manifest of a dataset generated with {@code s}. */
  public static ObjectNode of(DatasetSettings s, ObjectMapper json) {
    ObjectNode root = json.createObjectNode();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.put("fps", DatasetSettings.FPS);
    root.put("step_seconds", 1.0 / DatasetSettings.FPS);
    root.put("seed", s.seed());
    root.put("episodes", s.episodes());
    ObjectNode image = root.putObject("image");
    image.put("width_px", s.camera().widthPx());
    image.put("height_px", s.camera().heightPx());
    image.put("channels", 3);
    image.put("dtype", "uint8");
    fields(root.putObject("state"), STATE_FIELDS);
    ObjectNode action = fields(root.putObject("action"), ACTION_FIELDS);
    action.put(
        "convention",
        "xyz += d; R' = R(d_euler_xyz) * R (extrinsic xyz, applied in the base frame); "
            + "gripper = clip(gripper + dgripper, 0, 1)");
    camera(root.putObject("camera"), s.camera(), s.jitter());
    generator(root.putObject("generator"), s);
    return root;
  }

  private static ObjectNode fields(ObjectNode node, List<String> names) {
    node.put("dtype", "float32");
    ArrayNode array = node.putArray("fields");
    names.forEach(array::add);
    return node;
  }

  private static void camera(ObjectNode node, CameraSpec c, AppearanceJitter j) {
    node.put("model", "pinhole");
    node.put("width_px", c.widthPx());
    node.put("height_px", c.heightPx());
    node.put("vertical_fov_deg", c.verticalFovDeg());
    vec(node.putArray("eye_m"), c.eyeM());
    vec(node.putArray("target_m"), c.targetM());
    node.put("up", "+z");
    ObjectNode jitter = node.putObject("jitter");
    jitter.put("eye_m", j.eyeJitterM());
    jitter.put("target_m", j.targetJitterM());
    jitter.put("light_direction_deg", j.lightDirectionJitterDeg());
    jitter.put("light_intensity", j.lightIntensityJitter());
    jitter.put("table_texture_probability", j.tableTextureProbability());
  }

  private static void generator(ObjectNode node, DatasetSettings s) {
    node.put("task_definitions", Episode.DEFINITIONS_VERSION);
    node.put("random_fraction", s.randomFraction());
    s.tasks().forEach(node.putArray("tasks")::add);
    node.put("demo_noise_std_m", s.demoNoiseStdM());
    node.put("demo_random_action_probability", s.demoRandomActionProbability());
    node.put("max_demo_steps", s.maxDemoSteps());
    node.put("random_steps", s.randomSteps());
    node.put("random_max_delta_m", s.randomMaxDeltaM());
    node.put("random_gripper_probability", s.randomGripperProbability());
    node.put("random_gripper_still_probability", s.randomGripperStillProbability());
  }

  private static void vec(ArrayNode array, Vec3 v) {
    array.add(v.x()).add(v.y()).add(v.z());
  }

  /**
   * Reads an existing manifest, if any.
   *
   * @param dir dataset directory
   * @param json mapper
   * @return the manifest, or empty when there is none
   * @throws IOException when it exists but cannot be read or parsed
   */
  public static Optional<JsonNode> read(Path dir, ObjectMapper json) throws IOException {
    Path file = dir.resolve(FILE);
    return Files.isRegularFile(file) ? Optional.of(json.readTree(file.toFile())) : Optional.empty();
  }

  /**
   * Checks that an existing manifest was written with the same settings (episode count aside).
   *
   * @param existing the manifest on disk
   * @param wanted the manifest of this run
   * @param json mapper
   * @return empty when compatible, else a description of the first difference
   */
  public static Optional<String> incompatibility(
      JsonNode existing, ObjectNode wanted, ObjectMapper json) {
    // Compare as parsed from text: an in-memory long 7 and a parsed int 7 are different nodes.
    JsonNode normalized;
    try {
      normalized = json.readTree(json.writeValueAsString(wanted));
    } catch (IOException e) {
      throw new IllegalStateException("cannot re-read a manifest just built", e);
    }
    for (String key : List.of("format", "format_version", "seed", "image", "camera", "generator")) {
      if (!normalized.get(key).equals(existing.get(key))) {
        return Optional.of(
            key
                + " differs: the directory has "
                + existing.get(key)
                + ", this run wants "
                + wanted.get(key));
      }
    }
    return Optional.empty();
  }

  /** Writes the manifest atomically (temporary file, then rename). */
  public static void write(Path dir, ObjectNode manifest, ObjectMapper json) throws IOException {
    Path temp = Files.createTempFile(dir, ".tmp-dataset-", ".json");
    try {
      json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), manifest);
      Files.move(
          temp,
          dir.resolve(FILE),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
