package dev.latentmpc.worldmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentmpc.worldmodel.ModelSpec.BundleFile;
import dev.latentmpc.worldmodel.ModelSpec.EncoderSpec;
import dev.latentmpc.worldmodel.ModelSpec.EnergyGraph;
import dev.latentmpc.worldmodel.ModelSpec.Flops;
import dev.latentmpc.worldmodel.ModelSpec.InputSpec;
import dev.latentmpc.worldmodel.ModelSpec.LatentSpec;
import dev.latentmpc.worldmodel.ModelSpec.PredictorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses model.json into a {@link ModelSpec}; cross-field rules live in {@link SpecRules}. */
final class ModelSpecReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final String STATE_CONVENTION = "state_convention";

  private final Path file;

  ModelSpecReader(Path file) {
    this.file = file;
  }

  ModelSpec read() {
    JsonFields json = new JsonFields(file, parse());
    checkFormat(json);
    ModelSpec spec =
        new ModelSpec(
            json.text("name"),
            json.intAtLeast("opset", 1),
            json.text("compute_dtype"),
            readInput(json),
            readEncoder(json),
            readPredictor(json),
            readLatent(json),
            readEnergy(json),
            readFlops(json),
            json.optionalTextMap("conventions"),
            readStateConvention(json),
            readProvenance(json),
            readFiles(json));
    SpecRules.check(json, spec);
    return spec;
  }

  private JsonNode parse() {
    try {
      JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
      if (root == null || !root.isObject()) {
        throw new BundleException(file, "must hold a JSON object");
      }
      return root;
    } catch (NoSuchFileException e) {
      throw new BundleException(
          file, "not found; a bundle directory holds model.json next to the .onnx graphs", e);
    } catch (JsonProcessingException e) {
      throw new BundleException(
          file,
          "is not valid JSON: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")",
          e);
    } catch (IOException e) {
      throw new BundleException(file, "cannot be read: " + e, e);
    }
  }

  private static void checkFormat(JsonFields json) {
    String format = json.text("format");
    if (!ModelSpec.FORMAT.equals(format)) {
      throw json.fail(
          "format", "is \"" + format + "\", expected \"" + ModelSpec.FORMAT + "\" (not a bundle)");
    }
    long version = json.longAtLeast("format_version", 0);
    if (version != ModelSpec.FORMAT_VERSION) {
      throw json.fail(
          "format_version",
          "is "
              + version
              + " but this reader supports version "
              + ModelSpec.FORMAT_VERSION
              + " only; re-export the bundle with the exporter of this release");
    }
  }

  private static InputSpec readInput(JsonFields json) {
    int channels = json.intAtLeast("input.channels", 1);
    return new InputSpec(
        json.intAtLeast("input.image_size", 1),
        channels,
        json.intAtLeast("input.tubelet_size", 1),
        json.intAtLeast("input.resize_short_side", 1),
        json.text("input.crop"),
        json.text("input.interpolation"),
        json.numberAtLeast("input.value_scale", Double.MIN_VALUE),
        json.numbers("input.mean", channels),
        json.numbers("input.std", channels),
        json.text("input.layout"));
  }

  private static EncoderSpec readEncoder(JsonFields json) {
    return new EncoderSpec(
        json.text("encoder.file"),
        json.intAtLeast("encoder.embed_dim", 1),
        json.intAtLeast("encoder.depth", 1),
        json.intAtLeast("encoder.num_heads", 1),
        json.intAtLeast("encoder.mlp_hidden_dim", 1),
        json.intAtLeast("encoder.patch_size", 1),
        json.intAtLeast("encoder.tubelet_size", 1),
        json.longAtLeast("encoder.params", 0));
  }

  private static PredictorSpec readPredictor(JsonFields json) {
    return new PredictorSpec(
        json.text("predictor.file"),
        json.intAtLeast("predictor.embed_dim", 1),
        json.intAtLeast("predictor.depth", 1),
        json.intAtLeast("predictor.num_heads", 1),
        json.intAtLeast("predictor.mlp_hidden_dim", 1),
        json.intAtLeast("predictor.max_frames", 1),
        json.intAtLeast("predictor.action_dim", 1),
        json.intAtLeast("predictor.state_dim", 1),
        json.intAtLeast("predictor.cond_tokens_per_frame", 0),
        json.longAtLeast("predictor.params", 0));
  }

  private static LatentSpec readLatent(JsonFields json) {
    return new LatentSpec(
        json.intAtLeast("latent.tokens_per_frame", 1),
        json.intAtLeast("latent.grid_height", 1),
        json.intAtLeast("latent.grid_width", 1),
        json.intAtLeast("latent.dim", 1),
        json.text("latent.normalization"));
  }

  private List<EnergyGraph> readEnergy(JsonFields json) {
    JsonNode array = json.array("energy");
    List<EnergyGraph> graphs = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonFields entry = json.nested(array.get(i), "energy[" + i + "]");
      graphs.add(new EnergyGraph(entry.text("file"), entry.intAtLeast("horizon", 1)));
    }
    graphs.sort(Comparator.comparingInt(EnergyGraph::horizon));
    return graphs;
  }

  private static Flops readFlops(JsonFields json) {
    double encoder = json.numberAtLeast("flops.encoder_per_frame", 0);
    String mapPath = "flops.predictor_step_per_sample";
    JsonFields map = json.nested(json.object(mapPath), mapPath);
    Map<Integer, Double> perSample = new LinkedHashMap<>();
    json.object(mapPath)
        .fieldNames()
        .forEachRemaining(
            key -> perSample.put(parseHorizonKey(map, key), map.numberAtLeast(key, 0)));
    return new Flops(encoder, perSample);
  }

  private static int parseHorizonKey(JsonFields map, String key) {
    try {
      return Integer.parseInt(key);
    } catch (NumberFormatException e) {
      throw map.fail(key, "must be keyed by an integer horizon");
    }
  }

  /**
   * The {@code state_convention} block. A bundle without it is refused: nothing else says which
   * point of the hand its states describe, and guessing would let the service plan on a robot whose
   * states mean something else.
   */
  private static StateConvention readStateConvention(JsonFields json) {
    if (!json.has(STATE_CONVENTION)) {
      throw json.fail(
          STATE_CONVENTION,
          "is missing: the bundle does not say what its state vector means (which point of the"
              + " hand, Euler convention, gripper scale), so it cannot be checked against the"
              + " robot's; re-export it with world-model/python/export.py --state-convention droid"
              + " (the official checkpoint) or sim (a model trained on the simulator), or add the"
              + " block as world-model/BUNDLE.md describes");
    }
    JsonFields block = json.nested(json.object(STATE_CONVENTION), STATE_CONVENTION);
    String euler = block.text("euler");
    if (!StateConvention.EXTRINSIC_XYZ.equals(euler)) {
      throw block.fail(
          "euler",
          "is \""
              + euler
              + "\", only \""
              + StateConvention.EXTRINSIC_XYZ
              + "\" is supported (the pose update of the planning graphs)");
    }
    String gripper = block.text("gripper");
    if (!StateConvention.CLOSEDNESS.equals(gripper)) {
      throw block.fail(
          "gripper",
          "is \"" + gripper + "\", only \"" + StateConvention.CLOSEDNESS + "\" is supported");
    }
    String frame = block.text("frame_name");
    if (frame.isBlank()) {
      throw block.fail("frame_name", "must not be blank");
    }
    return new StateConvention(
        frame,
        block.finiteNumber("offset_from_flange_m"),
        block.finiteNumber("rotation_about_flange_z_rad"),
        euler,
        gripper);
  }

  private static Map<String, Object> readProvenance(JsonFields json) {
    if (!json.has("provenance")) {
      return Map.of();
    }
    Map<String, Object> values = new LinkedHashMap<>();
    json.object("provenance")
        .properties()
        .forEach(e -> values.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class)));
    values.values().removeIf(value -> value == null);
    return values;
  }

  private static Map<String, BundleFile> readFiles(JsonFields json) {
    Map<String, BundleFile> files = new LinkedHashMap<>();
    json.object("files")
        .properties()
        .forEach(entry -> {
          JsonFields fields = json.nested(entry.getValue(), "files." + entry.getKey());
          String sha = fields.text("sha256");
          if (!SHA256.matcher(sha).matches()) {
            throw fields.fail("sha256", "must be 64 lower-case hex digits, found " + sha);
          }
          files.put(entry.getKey(), new BundleFile(sha, fields.longAtLeast("bytes", 0)));
        });
    if (files.isEmpty()) {
      throw json.fail("files", "lists no file; every graph must be listed with its sha256");
    }
    return files;
  }
}
