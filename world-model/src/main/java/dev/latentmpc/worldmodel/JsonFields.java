package dev.latentmpc.worldmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields out of a JSON tree by dotted path ({@code input.image_size}); every failure is
 * a {@link BundleException} naming the file and the path.
 */
final class JsonFields {
  private final Path file;
  private final JsonNode root;
  private final String prefix;

  JsonFields(Path file, JsonNode root) {
    this(file, root, "");
  }

  private JsonFields(Path file, JsonNode root, String prefix) {
    this.file = file;
    this.root = root;
    this.prefix = prefix;
  }

  /**
   * Returns a reader rooted at {@code node}, whose messages name fields as {@code displayPath.x};
   * for keys that hold dots themselves, such as file names.
   */
  JsonFields nested(JsonNode node, String displayPath) {
    if (node == null || !node.isObject()) {
      throw fail(displayPath, "must be a JSON object, found " + node);
    }
    return new JsonFields(file, node, displayPath);
  }

  /** Returns the node at {@code path}, or throws naming the first missing part of the path. */
  JsonNode node(String path) {
    JsonNode node = root;
    String walked = "";
    for (String key : path.split("\\.")) {
      if (!node.isObject()) {
        throw fail(walked, "must be a JSON object, found " + node);
      }
      walked = walked.isEmpty() ? key : walked + "." + key;
      node = node.get(key);
      if (node == null || node.isNull()) {
        throw fail(walked, "is missing");
      }
    }
    return node;
  }

  /** Returns true when {@code path} is present and not null. */
  boolean has(String path) {
    JsonNode node = root;
    for (String key : path.split("\\.")) {
      node = node.isObject() ? node.get(key) : null;
      if (node == null || node.isNull()) {
        return false;
      }
    }
    return true;
  }

  String text(String path) {
    JsonNode node = node(path);
    if (!node.isTextual()) {
      throw fail(path, "must be a string, found " + node);
    }
    return node.asText();
  }

  int intAtLeast(String path, int min) {
    long value = longAtLeast(path, min);
    if (value > Integer.MAX_VALUE) {
      throw fail(path, "is too large: " + value);
    }
    return (int) value;
  }

  long longAtLeast(String path, long min) {
    return longAtLeast(node(path), path, min);
  }

  double numberAtLeast(String path, double min) {
    JsonNode node = node(path);
    if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < min) {
      throw fail(path, "must be a finite number >= " + min + ", found " + node);
    }
    return node.asDouble();
  }

  /** Returns the finite number at {@code path}, of any sign. */
  double finiteNumber(String path) {
    JsonNode node = node(path);
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      throw fail(path, "must be a finite number, found " + node);
    }
    return node.asDouble();
  }

  /** Returns exactly {@code count} finite numbers from the array at {@code path}. */
  List<Double> numbers(String path, int count) {
    JsonNode node = node(path);
    if (!node.isArray() || node.size() != count) {
      throw fail(path, "must be an array of " + count + " numbers, found " + node);
    }
    List<Double> values = new ArrayList<>(count);
    for (JsonNode element : node) {
      if (!element.isNumber() || !Double.isFinite(element.asDouble())) {
        throw fail(path, "must hold finite numbers only, found " + element);
      }
      values.add(element.asDouble());
    }
    return values;
  }

  /** Returns the object at {@code path} as a map of strings, or an empty map when absent. */
  Map<String, String> optionalTextMap(String path) {
    Map<String, String> values = new LinkedHashMap<>();
    if (has(path)) {
      object(path).properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
    }
    return values;
  }

  JsonNode object(String path) {
    JsonNode node = node(path);
    if (!node.isObject()) {
      throw fail(path, "must be a JSON object, found " + node);
    }
    return node;
  }

  JsonNode array(String path) {
    JsonNode node = node(path);
    if (!node.isArray()) {
      throw fail(path, "must be a JSON array, found " + node);
    }
    return node;
  }

  /** Reads an integer from {@code node}, which lives at {@code path} (for the message). */
  private long longAtLeast(JsonNode node, String path, long min) {
    if (node == null || node.isNull()) {
      throw fail(path, "is missing");
    }
    if (!node.isIntegralNumber() && !(node.isNumber() && isWhole(node.asDouble()))) {
      throw fail(path, "must be an integer, found " + node);
    }
    long value = node.asLong();
    if (value < min) {
      throw fail(path, "must be >= " + min + ", found " + value);
    }
    return value;
  }

  /** Returns an exception naming the file and the field. */
  BundleException fail(String path, String problem) {
    String field = prefix.isEmpty() ? path : prefix + "." + path;
    return new BundleException(file, "field '" + field + "' " + problem);
  }

  private static boolean isWhole(double value) {
    return Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 0x1p62;
  }
}
