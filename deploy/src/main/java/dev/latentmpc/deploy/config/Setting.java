package dev.latentmpc.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One raw configuration value before validation, with where it came from.
 *
 * @param key dotted key, e.g. {@code api.port}
 * @param value the value as parsed (a JSON/YAML scalar, or text from a flag)
 * @param origin where it came from, for error messages: the config file's name or the flag
 * @param baseDir directory a relative path value is resolved against (the config file's directory
 *     for file values, the working directory for flags)
 */
public record Setting(String key, JsonNode value, String origin, Path baseDir) {

  /** Checks that nothing is null. */
  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(baseDir, "baseDir");
  }

  /**
   * Returns a setting given on the command line as text; relative paths resolve against the working
   * directory.
   *
   * @param key dotted key
   * @param text the value as typed
   * @param origin the flag, e.g. {@code --port}
   */
  public static Setting flag(String key, String text, String origin) {
    return new Setting(key, TextNode.valueOf(text), origin, Path.of("").toAbsolutePath());
  }

  /**
   * Parses a {@code --set key=value} override.
   *
   * @param assignment {@code key=value}
   * @throws IllegalArgumentException when there is no {@code =} or the key is blank
   */
  public static Setting assignment(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "--set needs key=value (e.g. --set planner.samples=64), got '" + assignment + "'");
    }
    String key = assignment.substring(0, eq).trim();
    return flag(key, assignment.substring(eq + 1).trim(), "--set " + key);
  }

  /** Returns the value as shown in messages. */
  public String shown() {
    return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
  }
}
