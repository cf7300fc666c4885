package dev.latentmpc.worldmodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.worldmodel.fixtures.TestBundles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
        .containsPattern("matmul peak: [\\d.]+ GFLOP/s fp32 \\(128x128x128 on CPU");
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
