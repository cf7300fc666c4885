package dev.latentmpc.worldmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentmpc.worldmodel.fixtures.TestBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSpecTest {
  @TempDir Path dir;

  @BeforeEach
  void writeBundle() {
    TestBundles.write(dir);
  }

  @Test
  void loadsEveryFieldTyped() {
    ModelSpec spec = ModelSpec.load(dir);

    assertThat(spec.name()).isEqualTo("fixture");
    assertThat(spec.opset()).isEqualTo(17);
    assertThat(spec.input().imageSize()).isEqualTo(4);
    assertThat(spec.input().mean()).containsExactly(0.485, 0.456, 0.406);
    assertThat(spec.encoder().patchSize()).isEqualTo(2);
    assertThat(spec.predictor().maxFrames()).isEqualTo(3);
    assertThat(spec.latent().tokensPerFrame()).isEqualTo(4);
    assertThat(spec.energyHorizons()).containsExactly(1, 2);
    assertThat(spec.energyGraph(2))
        .hasValueSatisfying(g -> assertThat(g.file()).isEqualTo("energy_h2.onnx"));
    assertThat(spec.energyGraph(3)).isEmpty();
    assertThat(spec.flops().energyPerSample())
        .containsExactlyInAnyOrderEntriesOf(Map.of(1, 2000.0, 2, 4000.0));
    assertThat(spec.provenance()).containsEntry("source", "TestBundles").containsEntry("seed", 7);
    assertThat(spec.files())
        .containsOnlyKeys("encoder.onnx", "predictor.onnx", "energy_h1.onnx", "energy_h2.onnx");
    assertThat(spec.clipFloats()).isEqualTo(96);
  }

  @Test
  void missingModelJsonNamesTheFile() throws IOException {
    Files.delete(dir.resolve("model.json"));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageStartingWith(dir.resolve("model.json") + ": not found")
        .satisfies(
            e -> assertThat(((BundleException) e).file()).isEqualTo(dir.resolve("model.json")));
  }

  @Test
  void malformedJsonNamesTheLine() throws IOException {
    Files.writeString(dir.resolve("model.json"), "{\n  \"format\": \n}");
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("model.json: is not valid JSON")
        .hasMessageContaining("line 3");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "format",
        "format_version",
        "name",
        "opset",
        "compute_dtype",
        "input",
        "input.image_size",
        "input.mean",
        "input.std",
        "input.value_scale",
        "input.layout",
        "encoder.file",
        "encoder.embed_dim",
        "encoder.params",
        "predictor.max_frames",
        "predictor.action_dim",
        "latent.dim",
        "latent.tokens_per_frame",
        "latent.normalization",
        "energy",
        "flops.encoder_per_frame",
        "flops.predictor_step_per_sample",
        "files"
      })
  void missingFieldIsNamedWithItsPath(String path) {
    TestBundles.editModelJson(dir, json -> remove(json, path));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("model.json: field '" + path + "' is missing");
  }

  @Test
  void wrongTypeIsNamedWithItsPath() {
    TestBundles.editModelJson(
        dir, json -> ((ObjectNode) json.get("input")).put("image_size", "big"));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining("field 'input.image_size' must be an integer, found \"big\"");
  }

  @Test
  void nestedFieldOfAFileEntryIsNamed() {
    TestBundles.editModelJson(
        dir, json -> ((ObjectNode) json.get("files").get("encoder.onnx")).remove("sha256"));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining("field 'files.encoder.onnx.sha256' is missing");
  }

  @Test
  void wrongFormatIsRejected() {
    TestBundles.editModelJson(dir, json -> json.put("format", "onnx-zoo"));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining(
            "field 'format' is \"onnx-zoo\", expected \"latent-mpc/model-bundle\"");
  }

  @Test
  void newerFormatVersionIsRejected() {
    TestBundles.editModelJson(dir, json -> json.put("format_version", 2));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining(
            "field 'format_version' is 2 but this reader supports version 1 only");
  }

  @Test
  void checksumMismatchNamesFileAndBothHashes() throws IOException {
    Path encoder = dir.resolve("encoder.onnx");
    byte[] bytes = Files.readAllBytes(encoder);
    String listed =
        TestBundles.readModelJson(dir).get("files").get("encoder.onnx").get("sha256").asText();
    bytes[bytes.length - 1] ^= 1; // same size, different contents
    Files.write(encoder, bytes);

    assertThatThrownBy(() -> ModelSpec.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageStartingWith(
            encoder + ": sha256 mismatch: model.json lists " + listed + ", found ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotEndWith(listed));
    assertThat(ModelSpec.load(dir, false).name()).isEqualTo("fixture");
  }

  @Test
  void truncatedFileIsCaughtBySizeEvenWithoutChecksums() throws IOException {
    Path predictor = dir.resolve("predictor.onnx");
    long size = Files.size(predictor);
    Files.write(predictor, Files.readAllBytes(predictor), java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> ModelSpec.load(dir, false))
        .hasMessage(
            predictor
                + ": is "
                + 2 * size
                + " bytes but model.json lists "
                + size
                + " (truncated or replaced file)");
  }

  @Test
  void listedFileThatIsMissingIsNamed() throws IOException {
    Files.delete(dir.resolve("energy_h2.onnx"));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessage(
            dir.resolve("energy_h2.onnx")
                + ": is listed in model.json under files but does not exist");
  }

  @Test
  void graphNotListedUnderFilesIsRejected() {
    TestBundles.editModelJson(
        dir, json -> ((ObjectNode) json.get("files")).remove("energy_h2.onnx"));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining(
            "field 'energy[horizon=2].file' names \"energy_h2.onnx\", which is not listed under"
                + " files");
  }

  @Test
  void fileNameOutsideTheBundleIsRejected() {
    TestBundles.editModelJson(
        dir, json -> ((ObjectNode) json.get("encoder")).put("file", "../encoder.onnx"));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining("field 'encoder.file' must be a file name inside the bundle");
  }

  @Test
  void inconsistentDimensionsAreRejected() {
    TestBundles.editModelJson(dir, json -> ((ObjectNode) json.get("latent")).put("dim", 32));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining("field 'latent.dim' is 32 but encoder.embed_dim is 24");
  }

  @Test
  void horizonBeyondMaxFramesIsRejected() {
    TestBundles.editModelJson(
        dir, json -> ((ObjectNode) json.get("predictor")).put("max_frames", 1));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining("field 'energy[horizon=2].horizon' exceeds predictor.max_frames 1");
  }

  @Test
  void meanWithWrongLengthIsRejected() {
    TestBundles.editModelJson(
        dir, json -> ((ObjectNode) json.get("input")).putArray("mean").add(0.5));
    assertThatThrownBy(() -> ModelSpec.load(dir))
        .hasMessageContaining("field 'input.mean' must be an array of 3 numbers");
  }

  private static void remove(ObjectNode json, String path) {
    int dot = path.lastIndexOf('.');
    ObjectNode parent =
        dot < 0 ? json : (ObjectNode) json.at("/" + path.substring(0, dot).replace('.', '/'));
    parent.remove(path.substring(dot + 1));
  }
}
