package dev.latentmpc.worldmodel;

import dev.latentmpc.worldmodel.ModelSpec.EnergyGraph;
import dev.latentmpc.worldmodel.ModelSpec.InputSpec;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Cross-field rules of model.json that single-field parsing cannot catch. */
final class SpecRules {
  static final String LAYOUT = "batch,channel,time,height,width";

  private SpecRules() {}

  static void check(JsonFields json, ModelSpec spec) {
    checkInput(json, spec.input(), spec.encoder().tubeletSize());
    checkLatent(json, spec);
    if (spec.predictor().actionDim() != ActionBatch.ACTION_DIM) {
      throw json.fail("predictor.action_dim", "must be 7, found " + spec.predictor().actionDim());
    }
    if (spec.predictor().stateDim() != ActionBatch.ACTION_DIM) {
      throw json.fail("predictor.state_dim", "must be 7, found " + spec.predictor().stateDim());
    }
    checkEnergy(json, spec);
    checkListed(json, "encoder.file", spec.encoder().file(), spec);
    checkListed(json, "predictor.file", spec.predictor().file(), spec);
    for (String name : spec.files().keySet()) {
      checkSafeName(json, "files." + name, name);
    }
  }

  private static void checkInput(JsonFields json, InputSpec input, int encoderTubelet) {
    if (input.channels() != 3) {
      throw json.fail("input.channels", "must be 3 (RGB), found " + input.channels());
    }
    if (input.tubeletSize() != encoderTubelet) {
      throw json.fail(
          "input.tubelet_size",
          "is " + input.tubeletSize() + " but encoder.tubelet_size is " + encoderTubelet);
    }
    if (input.resizeShortSide() < input.imageSize()) {
      throw json.fail(
          "input.resize_short_side",
          "is " + input.resizeShortSide() + ", smaller than input.image_size " + input.imageSize());
    }
    requireText(json, "input.crop", input.crop(), "center");
    requireText(json, "input.interpolation", input.interpolation(), "bilinear");
    requireText(json, "input.layout", input.layout(), LAYOUT);
    for (double std : input.std()) {
      if (std <= 0) {
        throw json.fail("input.std", "must be positive, found " + input.std());
      }
    }
  }

  private static void checkLatent(JsonFields json, ModelSpec spec) {
    var latent = spec.latent();
    if (latent.dim() != spec.encoder().embedDim()) {
      throw json.fail(
          "latent.dim",
          "is " + latent.dim() + " but encoder.embed_dim is " + spec.encoder().embedDim());
    }
    if (latent.tokensPerFrame() != latent.gridHeight() * latent.gridWidth()) {
      throw json.fail(
          "latent.tokens_per_frame",
          "is "
              + latent.tokensPerFrame()
              + " but grid_height x grid_width is "
              + latent.gridHeight() * latent.gridWidth());
    }
    int patch = spec.encoder().patchSize();
    int size = spec.input().imageSize();
    if (latent.gridHeight() * patch != size || latent.gridWidth() * patch != size) {
      throw json.fail(
          "latent.grid_height",
          "and grid_width times encoder.patch_size "
              + patch
              + " must equal input.image_size "
              + size);
    }
    requireText(json, "latent.normalization", latent.normalization(), "layer_norm_no_affine");
  }

  private static void checkEnergy(JsonFields json, ModelSpec spec) {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < spec.energy().size(); i++) {
      EnergyGraph graph = spec.energy().get(i);
      String path = "energy[horizon=" + graph.horizon() + "]";
      if (!seen.add(graph.horizon())) {
        throw json.fail(path, "is listed twice");
      }
      if (graph.horizon() > spec.predictor().maxFrames()) {
        throw json.fail(
            path + ".horizon", "exceeds predictor.max_frames " + spec.predictor().maxFrames());
      }
      checkListed(json, path + ".file", graph.file(), spec);
    }
  }

  private static void checkListed(JsonFields json, String path, String name, ModelSpec spec) {
    checkSafeName(json, path, name);
    if (!spec.files().containsKey(name)) {
      throw json.fail(
          path, "names \"" + name + "\", which is not listed under files with its sha256");
    }
  }

  private static void checkSafeName(JsonFields json, String path, String name) {
    Path relative = Path.of(name).normalize();
    if (name.isBlank() || relative.isAbsolute() || relative.startsWith("..")) {
      throw json.fail(path, "must be a file name inside the bundle, found \"" + name + "\"");
    }
  }

  private static void requireText(JsonFields json, String path, String found, String expected) {
    if (!expected.equals(found)) {
      throw json.fail(path, "is \"" + found + "\", only \"" + expected + "\" is supported");
    }
  }
}
