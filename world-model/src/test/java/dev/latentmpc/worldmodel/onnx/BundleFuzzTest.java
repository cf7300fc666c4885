package dev.latentmpc.worldmodel.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latentmpc.worldmodel.BundleException;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.fixtures.TestBundles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of bundle loading: a model.json of arbitrary text, and an encoder graph
 * of arbitrary bytes (listed in model.json with its true size and sha256, as a consistent but
 * corrupt bundle), both opened with {@link OnnxWorldModel#open} in a temporary copy of the {@link
 * TestBundles} fixture. The contract: the bundle opens, or a {@link BundleException} names a file
 * of the bundle (its message starts with that path) and what is wrong. Any other exception is a
 * finding, and so is a JVM crash inside ONNX Runtime. The seeds are the fixture's own model.json
 * and encoder.onnx.
 */
class BundleFuzzTest {
  private static Path dir;
  private static byte[] modelJson;

  @BeforeAll
  static void writeFixture() throws IOException {
    dir = TestBundles.write(Files.createTempDirectory("bundle-fuzz"));
    modelJson = Files.readAllBytes(dir.resolve(ModelSpec.FILE_NAME));
  }

  @AfterAll
  static void deleteFixture() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(BundleFuzzTest::delete);
    }
  }

  /** The input as model.json, next to the fixture's graphs. */
  @FuzzTest(maxDuration = "30s")
  void modelJson(byte[] json) throws IOException {
    Files.write(dir.resolve(ModelSpec.FILE_NAME), json);
    assertOpensOrNamesAFile();
  }

  /** The input as encoder.onnx, with model.json listing its size and sha256. */
  @FuzzTest(maxDuration = "30s")
  void encoderGraph(byte[] graph) throws IOException {
    Files.write(dir.resolve(ModelSpec.FILE_NAME), modelJson);
    TestBundles.replaceFile(dir, "encoder.onnx", graph);
    assertOpensOrNamesAFile();
  }

  private static void assertOpensOrNamesAFile() {
    try (OnnxWorldModel model = OnnxWorldModel.open(dir, RuntimeOptions.defaults())) {
      assertThat(model.spec().energyHorizons()).isNotEmpty();
    } catch (BundleException e) {
      assertThat(e.file().toAbsolutePath().normalize()).startsWith(dir);
      assertThat(e.getMessage()).startsWith(e.file() + ": ");
      assertThat(e.getMessage().length()).isGreaterThan(e.file().toString().length() + 2);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
