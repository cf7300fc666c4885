package dev.latentmpc.worldmodel.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentmpc.worldmodel.BundleException;
import dev.latentmpc.worldmodel.ExecutionProvider;
import dev.latentmpc.worldmodel.fixtures.OnnxGraphs;
import dev.latentmpc.worldmodel.fixtures.TestBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening bundles: provider fallback, corrupt graphs and contract mismatches. */
class OnnxBundleLoadingTest {
  @TempDir Path dir;

  @BeforeEach
  void writeBundle() {
    TestBundles.write(dir);
  }

  @Test
  void cudaOnTheCpuRuntimeFallsBackWithAReason() {
    RuntimeOptions options = RuntimeOptions.builder().provider(ExecutionProvider.CUDA).build();
    try (OnnxWorldModel model = OnnxWorldModel.open(dir, options)) {
      assertThat(model.status().requestedProvider()).isEqualTo(ExecutionProvider.CUDA);
      assertThat(model.status().activeProvider()).isEqualTo(ExecutionProvider.CPU);
      assertThat(model.status().fallbackReason())
          .hasValueSatisfying(r -> assertThat(r).startsWith("CUDA unavailable: "));
      assertThat(model.encode(new float[96]).values()).hasSize(96);
    }
  }

  @Test
  void tensorRtFallsBackThroughCudaToCpu() {
    RuntimeOptions options =
        RuntimeOptions.builder().provider(ExecutionProvider.TENSORRT).intraOpThreads(1).build();
    try (OnnxWorldModel model = OnnxWorldModel.open(dir, options)) {
      assertThat(model.status().activeProvider()).isEqualTo(ExecutionProvider.CPU);
      assertThat(model.status().fallbackReason())
          .hasValueSatisfying(
              r -> assertThat(r).contains("TENSORRT unavailable").contains("CUDA unavailable"));
      assertThat(model.status().intraOpThreads()).isEqualTo(1);
    }
  }

  @Test
  void truncatedGraphIsABundleExceptionNamingTheFile() throws IOException {
    byte[] graph = Files.readAllBytes(dir.resolve("encoder.onnx"));
    TestBundles.replaceFile(dir, "encoder.onnx", Arrays.copyOf(graph, graph.length / 2));
    assertThatThrownBy(() -> OnnxWorldModel.open(dir, RuntimeOptions.defaults()))
        .isInstanceOf(BundleException.class)
        .hasMessageStartingWith(dir.resolve("encoder.onnx") + ": cannot be loaded by ONNX Runtime");
  }

  @Test
  void garbageGraphIsABundleExceptionNamingTheFile() {
    TestBundles.replaceFile(dir, "energy_h2.onnx", "not a model at all".getBytes());
    assertThatThrownBy(() -> OnnxWorldModel.open(dir, RuntimeOptions.defaults()))
        .isInstanceOf(BundleException.class)
        .hasMessageStartingWith(
            dir.resolve("energy_h2.onnx") + ": cannot be loaded by ONNX Runtime");
  }

  @Test
  void checksumMismatchStopsOpeningUnlessSkipped() {
    TestBundles.editModelJson(
        dir,
        json ->
            ((ObjectNode) json.get("files").get("predictor.onnx")).put("sha256", "f".repeat(64)));
    assertThatThrownBy(() -> OnnxWorldModel.open(dir, RuntimeOptions.defaults()))
        .hasMessageContaining(
            "predictor.onnx: sha256 mismatch: model.json lists " + "f".repeat(64));
    RuntimeOptions skip = RuntimeOptions.builder().verifyChecksums(false).build();
    try (OnnxWorldModel model = OnnxWorldModel.open(dir, skip)) {
      assertThat(model.spec().name()).isEqualTo("fixture");
    }
  }

  @Test
  void inputNamesNotInTheContractAreNamed() {
    TestBundles.replaceFile(dir, "encoder.onnx", OnnxGraphs.encoder("images", 4, 2, 4, 24));
    assertThatThrownBy(() -> OnnxWorldModel.open(dir, RuntimeOptions.defaults()))
        .isInstanceOf(BundleException.class)
        .hasMessage(
            dir.resolve("encoder.onnx")
                + ": input names mismatch: expected [frames], found [images]");
  }

  @Test
  void fixedDimensionMismatchIsNamedWithExpectedAndFoundShapes() {
    TestBundles.replaceFile(dir, "energy_h1.onnx", OnnxGraphs.energy(4, 24, 2));
    assertThatThrownBy(() -> OnnxWorldModel.open(dir, RuntimeOptions.defaults()))
        .isInstanceOf(BundleException.class)
        .hasMessage(
            dir.resolve("energy_h1.onnx")
                + ": input 'actions': expected shape [?, 1, 7], found [?, 2, 7] (? = symbolic"
                + " axis)");
  }

  @Test
  void latentWidthMismatchIsNamed() {
    TestBundles.replaceFile(dir, "predictor.onnx", OnnxGraphs.predictor(4, 32));
    assertThatThrownBy(() -> OnnxWorldModel.open(dir, RuntimeOptions.defaults()))
        .hasMessage(
            dir.resolve("predictor.onnx")
                + ": input 'latents': expected shape [?, ?, 24], found [?, ?, 32] (? = symbolic"
                + " axis)");
  }

  @Test
  void missingDirectoryIsNamed() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> OnnxWorldModel.open(missing, RuntimeOptions.defaults()))
        .isInstanceOf(BundleException.class)
        .hasMessage(missing + ": is not a directory; pass the folder that holds model.json");
  }

  @Test
  void runtimeOptionsValidateAndRoundTrip() {
    RuntimeOptions options =
        RuntimeOptions.builder()
            .provider(ExecutionProvider.CUDA)
            .deviceId(1)
            .interOpThreads(2)
            .build();
    assertThat(options.toBuilder().build()).isEqualTo(options);
    assertThat(RuntimeOptions.defaults().verifyChecksums()).isTrue();
    assertThat(RuntimeOptions.defaults().optimizationLevel())
        .isEqualTo(RuntimeOptions.OptimizationLevel.ALL);
    assertThatThrownBy(() -> RuntimeOptions.builder().intraOpThreads(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intraOpThreads=-1");
  }
}
