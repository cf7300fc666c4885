package dev.latentmpc.deploy.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of one scrape in Prometheus text format 0.0.4, parsed just enough for assertions:
 * {@code name{label="value",...} number} lines; comments skipped. (Label values with escaped quotes
 * do not occur in this service's output.)
 */
final class PrometheusText {
  private static final Pattern LINE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples = new ArrayList<>();

  PrometheusText(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
  }

  /** Returns every sample. */
  List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** Returns the samples of {@code name} whose labels include every {@code key=value} given. */
  List<Sample> find(String name, String... labelPairs) {
    List<Sample> found = new ArrayList<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && hasLabels(s, labelPairs)) {
        found.add(s);
      }
    }
    return found;
  }

  /** Returns the value of the one sample of {@code name} with those labels; fails otherwise. */
  double value(String name, String... labelPairs) {
    List<Sample> found = find(name, labelPairs);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one sample " + name + " " + List.of(labelPairs) + ", found " + found);
    }
    return found.get(0).value();
  }

  private static boolean hasLabels(Sample s, String... labelPairs) {
    for (String pair : labelPairs) {
      int eq = pair.indexOf('=');
      if (!pair.substring(eq + 1).equals(s.labels().get(pair.substring(0, eq)))) {
        return false;
      }
    }
    return true;
  }
}
