package dev.latentmpc.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What the configuration tests share: the repository root and the defaults with overrides. */
final class ConfigFixtures {
  /** The repository root: surefire runs in deploy/. */
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  private ConfigFixtures() {}

  /** The defaults with {@code assignments} ({@code key=value}, as {@code --set} gives them). */
  static ServeConfig defaultsWith(String... assignments) throws ConfigException {
    return ConfigLoader.defaultsWith(
        HOME, Arrays.stream(assignments).map(Setting::assignment).toArray(Setting[]::new));
  }

  /** The errors the defaults with {@code assignments} are refused with (fails if accepted). */
  static List<String> refusalsOf(String... assignments) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> defaultsWith(assignments));
    assertThat(e).as("refused: %s", Arrays.toString(assignments)).isNotNull();
    return e.errors();
  }
}
