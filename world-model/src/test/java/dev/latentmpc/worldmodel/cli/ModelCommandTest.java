package dev.latentmpc.worldmodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.worldmodel.fixtures.TestBundles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = ModelCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void infoSummarisesTheBundle() {
    TestBundles.write(dir);
    assertThat(run("info", dir.toString())).isZero();
    assertThat(out.toString())
        .contains("name       fixture (opset 17, compute float32)")
        .contains("latent     4 tokens (2x2) x 24")
        .contains("horizons   [1, 2]")
        .contains("provider   CPU (requested CPU)")
        .containsPattern("files\\s+encoder\\.onnx\\s+[\\d,]+ bytes")
        .contains("provenance source = TestBundles");
  }

  @Test
  void infoReportsTheProviderFallback() {
    TestBundles.write(dir);
    assertThat(run("info", dir.toString(), "--provider", "cuda")).isZero();
    assertThat(out.toString())
        .contains("provider   CPU (requested CUDA; fell back: CUDA unavailable");
  }

  @Test
  void benchPrintsTimingsAndThePeak() {
    TestBundles.write(dir);
    int code =
        run(
            "bench",
            dir.toString(),
            "--samples",
            "16",
            "--horizon",
            "2",
            "--runs",
            "3",
            "--threads",
            "1",
            "--probe-size",
            "128");
    assertThat(code).as(err.toString()).isZero();
    System.out.print(out);
    assertThat(out.toString())
        .contains("provider CPU (requested CPU), intra-op threads 1")
        .containsPattern(
            "encode 1 clip\\s+median [\\d.]+ ms  p90 [\\d.]+ ms  [\\d.]+ GFLOP/s over 3 runs")
        .containsPattern("energies 16x2\\s+median [\\d.]+ ms")
        .containsPattern("matmul peak: [\\d.]+ GFLOP/s fp32 \\(128x128x128 on CPU")
        .containsPattern("share of the peak per round \\(.*\\): [\\d.]+ [\\d.]+ [\\d.]+ %")
        .containsPattern(
            "energies reach [\\d.]+ % of the matmul peak \\(median of 3 interleaved rounds;")
        .containsPattern("by thread CPU time, energies reach [\\d.]+ % of the matmul peak");
  }

  @Test
  void benchProfilesTheEnergyCallByOperatorType() {
    Path traces = dir.resolve("profile");
    int code = smallBench("--profile", traces.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("profile of energies 8x1 \\(2 calls, .*energy_h1.*\\.json\\)")
        .containsPattern("\\n  \\S+ +\\d+ kernels +[\\d.]+ ms +[\\d.]+ %");
    assertThat(traces.toFile().list()).anyMatch(name -> name.endsWith(".json"));
  }

  @Test
  void benchReportsAPytorchReferenceThatCannotRun() {
    int code =
        smallBench(
            "--pytorch-reference", dir.resolve("no-checkout").toString(), "--python", "/bin/false");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("error: the PyTorch reference did not run")
        .contains("--pytorch-reference takes the root of a facebookresearch/vjepa2 checkout");
  }

  @Test
  void negativeReferenceThreadsAreRefusedWithTheFix() {
    int code = smallBench("--reference-threads", "-1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--reference-threads must be positive, or 0 for the same as --threads: -1");
  }

  /** Runs a fast bench of the fixture bundle (8 samples, 2 runs, 1 thread) with {@code extra}. */
  private int smallBench(String... extra) {
    TestBundles.write(dir);
    List<String> args = new ArrayList<>(List.of("bench", dir.toString(), "--samples", "8"));
    args.addAll(List.of("--runs", "2", "--threads", "1", "--probe-size", "64"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @Test
  void pytorchReferenceJsonIsRead() throws Exception {
    PytorchReference r =
        PytorchReference.parse(
            "{\"torch\": \"1.13.0\", \"seconds_per_action\": [2.5, 2.0, 3.0],"
                + " \"median_seconds\": 2.5, \"median_thread_cpu_seconds\": 2.4,"
                + " \"pose_update_share\": 0.04,"
                + " \"max_abs_energy_difference_vs_project\": 1.2e-7}");
    assertThat(r).isEqualTo(new PytorchReference(2.5, 2.4, 2.0, 3.0, 3, 0.04, 1.2e-7, "1.13.0"));
  }

  @Test
  void badBundlePathFailsWithOneLineNamingTheFix() {
    Path missing = dir.resolve("missing");
    assertThat(run("info", missing.toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: bundle directory "
                + missing
                + " does not exist; pass the directory that holds model.json"
                + " (written by world-model/python/export.py)");
    assertThat(run("bench", missing.toString())).isEqualTo(2);
  }

  @Test
  void brokenBundleFailsWithTheBundleMessage() {
    TestBundles.write(dir);
    TestBundles.editModelJson(dir, json -> json.remove("latent"));
    assertThat(run("info", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("model.json: field 'latent' is missing");
  }

  @Test
  void benchRejectsAHorizonTheBundleLacks() {
    TestBundles.write(dir);
    assertThat(run("bench", dir.toString(), "--horizon", "5")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--horizon 5 has no energy graph; this bundle exports [1, 2]");
  }
}
