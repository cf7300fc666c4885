package dev.latentmpc.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Grafana dashboard JSON file as the tests see it: its panels (rows' nested panels included),
 * their PromQL targets and its template variables, with Grafana's variable substitution.
 */
final class GrafanaDashboard {
  /** {@code $name}, {@code ${name}}, {@code ${name:format}} or {@code [[name]]}. */
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");

  private final JsonNode root;

  private GrafanaDashboard(JsonNode root) {
    this.root = root;
  }

  /** One PromQL query of a panel. */
  record Query(int panelId, String panelTitle, String refId, String expr) {
    /** Returns "panel 'TITLE' (id N) query R". */
    String describe() {
      return "panel '%s' (id %d) query %s".formatted(panelTitle, panelId, refId);
    }
  }

  /** Reads a dashboard file. */
  static GrafanaDashboard read(Path file) throws IOException {
    return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
  }

  /** Returns the dashboard's JSON tree. */
  JsonNode json() {
    return root;
  }

  /** Returns every panel, rows included, with the panels of collapsed rows flattened in. */
  List<JsonNode> panels() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : root.path("panels")) {
      out.add(panel);
      for (JsonNode nested : panel.path("panels")) {
        out.add(nested);
      }
    }
    return out;
  }

  /** Returns every PromQL query of every panel, in dashboard order. */
  List<Query> queries() {
    List<Query> out = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        out.add(
            new Query(
                panel.path("id").asInt(),
                panel.path("title").asText(),
                target.path("refId").asText(),
                target.path("expr").asText()));
      }
    }
    return out;
  }

  /** Returns the queries of the panel titled {@code title}; fails when there is none. */
  List<Query> queriesOf(String title) {
    List<Query> out = queries().stream().filter(q -> q.panelTitle().equals(title)).toList();
    if (out.isEmpty()) {
      throw new AssertionError("the dashboard has no panel titled '" + title + "'");
    }
    return out;
  }

  /** Returns the template variables by name. */
  Map<String, JsonNode> variables() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode variable : root.path("templating").path("list")) {
      out.put(variable.path("name").asText(), variable);
    }
    return out;
  }

  /**
   * Returns the names of the variables {@code expr} refers to ({@code $__rate_interval} and other
   * Grafana built-ins included).
   */
  static List<String> variablesIn(String expr) {
    List<String> names = new ArrayList<>();
    Matcher m = VARIABLE.matcher(expr);
    while (m.find()) {
      names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return names;
  }

  /**
   * Substitutes Grafana variables in {@code expr} the way Grafana does before it sends a query.
   *
   * @param values a value for every variable the expression uses (dashboard variables and built-ins
   *     such as {@code __rate_interval} and {@code __range})
   * @throws IllegalArgumentException when the expression uses a variable without a value
   */
  static String substitute(String expr, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException(
            "no value for Grafana variable '" + name + "' in: " + expr);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
