package dev.latentmpc.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Typed, range-checked reads of raw {@link Setting}s that collect every problem instead of stopping
 * at the first, so the operator sees all of them at once.
 *
 * <p>Later settings override earlier ones with the same key (defaults, then the file, then flags).
 * A read that fails records an error naming the key, the value, its origin and the accepted range,
 * and returns the default so validation can go on.
 */
final class SettingsReader {
  private final Map<String, Setting> settings = new LinkedHashMap<>();
  private final List<String> errors = new ArrayList<>();

  /**
   * Creates a reader over the settings, the later of two equal keys winning.
   *
   * @param layers settings in increasing precedence
   */
  SettingsReader(Collection<Setting> layers) {
    for (Setting s : layers) {
      settings.put(s.key(), s);
    }
  }

  /** Returns the errors recorded so far. */
  List<String> errors() {
    return errors;
  }

  /** Records an error about {@code key} (with its value and origin when it was set). */
  void error(String key, String problem) {
    Setting s = settings.get(key);
    String where = s == null ? key : key + " = " + s.shown() + " (" + s.origin() + ")";
    errors.add(where + ": " + problem);
  }

  /** Returns the raw setting of {@code key}, if set. */
  Optional<Setting> raw(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /** Reads an integer in [min, max]. */
  int integer(String key, int fallback, int min, int max) {
    return (int) longValue(key, fallback, min, max);
  }

  /** Reads a long in [min, max]. */
  long longValue(String key, long fallback, long min, long max) {
    Setting s = settings.get(key);
    if (s == null) {
      return fallback;
    }
    JsonNode v = s.value();
    Long parsed = null;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      parsed = v.asLong();
    } else if (v.isTextual()) {
      try {
        parsed = Long.parseLong(v.asText().trim());
      } catch (NumberFormatException e) {
        parsed = null;
      }
    }
    if (parsed == null || parsed < min || parsed > max) {
      error(key, "must be an integer in [" + min + ", " + max + "]");
      return fallback;
    }
    return parsed;
  }

  /** Reads a duration given in whole milliseconds, in [1, maxMs]. */
  Duration millis(String key, Duration fallback, long maxMs) {
    return Duration.ofMillis(longValue(key, fallback.toMillis(), 1, maxMs));
  }

  /** Reads a finite number in [min, max]. */
  double number(String key, double fallback, double min, double max) {
    Setting s = settings.get(key);
    if (s == null) {
      return fallback;
    }
    JsonNode v = s.value();
    double parsed = Double.NaN;
    if (v.isNumber()) {
      parsed = v.asDouble();
    } else if (v.isTextual()) {
      try {
        parsed = Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        parsed = Double.NaN;
      }
    }
    if (!(Double.isFinite(parsed) && parsed >= min && parsed <= max)) {
      error(key, "must be a finite number in [" + min + ", " + max + "]");
      return fallback;
    }
    return parsed;
  }

  /** Reads true or false. */
  boolean bool(String key, boolean fallback) {
    Setting s = settings.get(key);
    if (s == null) {
      return fallback;
    }
    JsonNode v = s.value();
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String text = v.isTextual() ? v.asText().trim().toLowerCase(Locale.ROOT) : "";
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    error(key, "must be true or false");
    return fallback;
  }

  /** Reads non-blank text. */
  String text(String key, String fallback) {
    Setting s = settings.get(key);
    if (s == null) {
      return fallback;
    }
    JsonNode v = s.value();
    if (!v.isValueNode() || v.asText().isBlank()) {
      error(key, "must be non-blank text");
      return fallback;
    }
    return v.asText().trim();
  }

  /** Reads a path; relative paths resolve against the setting's base directory. */
  Path path(String key, Path fallback) {
    Setting s = settings.get(key);
    String text = text(key, null);
    if (s == null || text == null) {
      return fallback;
    }
    try {
      return s.baseDir().resolve(text).normalize();
    } catch (InvalidPathException e) {
      error(key, "is not a valid path: " + e.getReason());
      return fallback;
    }
  }

  /** Reads one of an enum's constants by name, case-insensitive, '-' standing for '_'. */
  <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) {
    Setting s = settings.get(key);
    if (s == null) {
      return fallback;
    }
    String text = s.value().asText().trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    String names =
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.joining(", "));
    error(key, "must be one of " + names);
    return fallback;
  }

  /**
   * Records an error for every set key that is not in {@code known}, listing the known keys of the
   * same section (or the sections, when the section itself is unknown).
   */
  void rejectUnknown(Collection<String> known) {
    for (Setting s : settings.values()) {
      if (known.contains(s.key())) {
        continue;
      }
      String section = section(s.key());
      List<String> sameSection =
          known.stream().filter(k -> section(k).equals(section)).sorted().toList();
      String hint =
          sameSection.isEmpty()
              ? "sections are " + new TreeSet<>(known.stream().map(k -> section(k)).toList())
              : "keys of '" + section + "' are " + String.join(", ", sameSection);
      errors.add("unknown key '" + s.key() + "' (" + s.origin() + "); " + hint);
    }
  }

  private static String section(String key) {
    int dot = key.indexOf('.');
    return dot < 0 ? key : key.substring(0, dot);
  }
}
