package dev.latentmpc.deploy.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML or JSON configuration file (JSON is YAML, so one parser reads both) into flat {@link
 * Setting}s keyed by dotted path: {@code api: {port: 50051}} becomes {@code api.port}.
 *
 * <p>Nested mappings are walked; every other node is a leaf whose type the validation checks. An
 * empty value ({@code port:} with nothing after it, or JSON {@code null}) means "not set", so the
 * default applies. Relative paths in the file resolve against the file's directory, so a file can
 * name a bundle next to it wherever the service is started from.
 */
public final class ConfigFile {
  private static final YAMLMapper MAPPER = new YAMLMapper();

  private ConfigFile() {}

  /**
   * Reads {@code file}.
   *
   * @param file the configuration file
   * @return its settings, in file order
   * @throws ConfigException when the file cannot be read or parsed, or its top level is not a
   *     mapping
   */
  public static List<Setting> read(Path file) throws ConfigException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          List.of("config file " + file + " does not exist; pass an existing --config FILE"));
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new ConfigException(
          List.of(
              "config file "
                  + file
                  + " is not valid YAML/JSON: "
                  + e.getOriginalMessage()
                  + location(e)));
    } catch (IOException e) {
      throw new ConfigException(List.of("cannot read config file " + file + ": " + e));
    }
    List<Setting> settings = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return settings; // An empty file sets nothing.
    }
    if (!root.isObject()) {
      throw new ConfigException(
          List.of("config file " + file + " must hold a mapping of sections (api:, model:, ...)"));
    }
    Path base = file.toAbsolutePath().getParent();
    flatten("", root, file.getFileName().toString(), base, settings);
    return settings;
  }

  private static void flatten(
      String prefix, JsonNode node, String origin, Path base, List<Setting> out) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(key, value, origin, base, out);
      } else if (!value.isNull()) {
        out.add(new Setting(key, value, origin, base));
      }
    }
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
