package dev.latentmpc.worldmodel.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ONNX bundle run from Java matches the PyTorch model: {@code python/conformance.py} writes
 * PyTorch reference outputs, and every graph and the frame preprocessing must agree within {@value
 * #TOLERANCE} (max abs error). Subclasses choose the bundle: a tiny random-weight model exported
 * through the user's path, or the embedded default model checked against its own weights.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceCheck {
  private static final double TOLERANCE = 1e-4;
  private static final String PYTHON = "/usr/bin/python3";

  private ReferenceTensors ref;
  private OnnxWorldModel model;
  private int tokens;
  private int dim;

  /** Fixture directory name under target/. */
  abstract String fixtureName();

  /** Extra arguments of python/conformance.py (after --out). */
  abstract List<String> conformanceArgs(Path basedir);

  /** The bundle the references belong to. */
  abstract Path bundle(Path basedir, Path fixture);

  @BeforeAll
  void generateFixture() throws Exception {
    Path basedir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    Path out = basedir.resolve("target").resolve(fixtureName());
    Files.createDirectories(out);
    Path stdout = out.resolve("conformance.stdout.txt");
    Path stderr = out.resolve("conformance.stderr.txt");
    List<String> command =
        new ArrayList<>(List.of(PYTHON, "python/conformance.py", "--out", out.toString()));
    command.addAll(conformanceArgs(basedir));
    Process process =
        new ProcessBuilder(command)
            .directory(basedir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("python/conformance.py did not finish in 10 minutes");
    }
    if (process.exitValue() != 0) {
      fail(
          "python/conformance.py exited with "
              + process.exitValue()
              + " (needs PyTorch for "
              + PYTHON
              + ": apt-get install python3-torch python3-numpy):\n"
              + Files.readString(stderr));
    }
    ref = new ReferenceTensors(out);
    model = OnnxWorldModel.open(bundle(basedir, out), RuntimeOptions.defaults());
    tokens = model.spec().latent().tokensPerFrame();
    dim = model.spec().latent().dim();
  }

  @AfterAll
  void closeModel() {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void encoderLatentsMatch() throws IOException {
    float[] frames = ref.floats("encoder_frames");
    int batch = ref.shape("encoder_frames")[0];
    int clip = frames.length / batch;
    List<float[]> clips = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      clips.add(Arrays.copyOfRange(frames, b * clip, (b + 1) * clip));
    }
    float[] actual = concat(model.encode(clips).stream().map(Latent::values).toList());
    assertClose("encoder latents", actual, ref.floats("encoder_latents"));
    assertClose(
        "encoder latents (single)",
        model.encode(clips.get(1)).values(),
        Arrays.copyOfRange(ref.floats("encoder_latents"), tokens * dim, 2 * tokens * dim));
  }

  @ParameterizedTest(name = "T={0}")
  @ValueSource(ints = {1, 2, 3})
  void predictorNextLatentsMatch(int frames) throws IOException {
    String p = "predictor_T" + frames + "_";
    float[] latents = ref.floats(p + "latents");
    float[] actions = ref.floats(p + "actions");
    float[] states = ref.floats(p + "states");
    int batch = ref.shape(p + "latents")[0];
    List<float[]> predicted = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      List<Latent> context = new ArrayList<>();
      for (int t = 0; t < frames; t++) {
        int start = (b * frames + t) * tokens * dim;
        context.add(
            new Latent(tokens, dim, Arrays.copyOfRange(latents, start, start + tokens * dim)));
      }
      Latent next =
          model.predict(
              context, rows(actions, b * frames, frames), rows(states, b * frames, frames));
      predicted.add(next.values());
    }
    assertClose("predictor next latents T=" + frames, concat(predicted), ref.floats(p + "next"));
  }

  @ParameterizedTest(name = "H={0}")
  @ValueSource(ints = {1, 2})
  void fusedEnergiesMatch(int horizon) throws IOException {
    String p = "energy_h" + horizon + "_";
    Latent context = new Latent(tokens, dim, ref.floats(p + "context"));
    Latent goal = new Latent(tokens, dim, ref.floats(p + "goal"));
    int samples = ref.shape(p + "actions")[0];
    ActionBatch actions = new ActionBatch(samples, horizon, ref.floats(p + "actions"));
    float[] energies = model.energies(context, ref.floats(p + "state"), goal, actions);
    assertClose("energies H=" + horizon, energies, ref.floats(p + "energies"));
  }

  @Test
  void preprocessingMatches() throws IOException {
    int[] shape = ref.shape("preprocess_rgb");
    RgbImage image = new RgbImage(shape[1], shape[0], ref.bytes("preprocess_rgb"));
    float[] actual = FramePreprocessor.of(model.spec()).preprocess(image);
    assertClose(
        "preprocessed frames " + shape[1] + "x" + shape[0],
        actual,
        ref.floats("preprocess_frames"));
  }

  private float[][] rows(float[] values, int firstRow, int count) {
    float[][] rows = new float[count][];
    for (int i = 0; i < count; i++) {
      rows[i] = Arrays.copyOfRange(values, (firstRow + i) * 7, (firstRow + i + 1) * 7);
    }
    return rows;
  }

  private static float[] concat(List<float[]> parts) {
    float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
    int offset = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, all, offset, part.length);
      offset += part.length;
    }
    return all;
  }

  private void assertClose(String what, float[] actual, float[] expected) {
    assertThat(actual).as(what + " length").hasSameSizeAs(expected);
    double maxError = 0;
    int worst = 0;
    for (int i = 0; i < actual.length; i++) {
      double error = Math.abs((double) actual[i] - expected[i]);
      if (Double.isNaN(error)) {
        error = Double.POSITIVE_INFINITY;
      }
      if (error > maxError) {
        maxError = error;
        worst = i;
      }
    }
    System.out.printf(
        "conformance: %-32s max abs error %.3e (%d values)%n", what, maxError, actual.length);
    assertThat(maxError)
        .as(
            "%s: max abs error at index %d (java %s, torch %s)",
            what, worst, actual[worst], expected[worst])
        .isLessThanOrEqualTo(TOLERANCE);
  }
}
