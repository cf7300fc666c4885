package dev.latentmpc.deploy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latentmpc.deploy.config.ConfigException;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing of the service configuration loader: the input is a {@code --config} file
 * (YAML or JSON), loaded and validated against the committed default bundle as {@code serve} does.
 * The contract: a valid configuration, or a {@link ConfigException} listing at least one problem,
 * each a non-blank line. Any other exception is a finding. The seeds are the shipped example
 * configuration and a few small YAML and JSON files.
 */
class ConfigFileFuzzTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  /** One directory for the whole run; each input overwrites the file in it. */
  @TempDir static Path dir;

  /** The input as the configuration file. */
  @FuzzTest(maxDuration = "60s")
  void configFile(byte[] contents) throws IOException {
    Path file = dir.resolve("serve.yaml");
    Files.write(file, contents);
    try {
      ServeConfig config = ConfigLoader.load(Optional.of(file), List.of(), HOME);
      assertThat(config.model().bundleDir()).isNotNull();
    } catch (ConfigException e) {
      assertThat(e.errors()).isNotEmpty().allSatisfy(line -> assertThat(line).isNotBlank());
    }
  }
}
