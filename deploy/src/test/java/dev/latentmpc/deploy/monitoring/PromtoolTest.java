package dev.latentmpc.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latentmpc.deploy.monitoring.PrometheusTools.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus files under {@code deploy/prometheus} pass Prometheus's own checker: {@code
 * promtool check rules} and {@code promtool test rules} (every alert fires on one series set and
 * stays silent on another, alerts_test.yaml) and {@code promtool check config} for the scrape
 * configurations.
 */
class PromtoolTest {
  private static final List<String> ALERTS =
      List.of(
          "LatentMpcPlanningP95OverBudget",
          "LatentMpcCameraStale",
          "LatentMpcBridgeDown",
          "LatentMpcServiceDown",
          "LatentMpcNoStepsWhileTaskRuns");

  @TempDir Path tmp;

  @Test
  void alertRulesPassPromtoolCheckRules() throws Exception {
    Result r = PrometheusTools.promtool(DeployDir.prometheus(), "check", "rules", "alerts.yaml");

    assertThat(r.exitCode()).as("promtool check rules:%n%s", r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void alertRulesPassTheirUnitTests() throws Exception {
    Result r =
        PrometheusTools.promtool(DeployDir.prometheus(), "test", "rules", "alerts_test.yaml");

    assertThat(r.exitCode()).as("promtool test rules:%n%s", r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertIsTestedFiringAndSilent() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode rules = yaml.readTree(DeployDir.prometheus().resolve("alerts.yaml").toFile());
    JsonNode tests = yaml.readTree(DeployDir.prometheus().resolve("alerts_test.yaml").toFile());

    List<String> alerts =
        rules.path("groups").findValues("alert").stream().map(JsonNode::asText).toList();
    assertThat(alerts).containsExactlyInAnyOrderElementsOf(ALERTS);
    for (String alert : ALERTS) {
      List<JsonNode> cases =
          tests.path("tests").findValues("alert_rule_test").stream()
              .flatMap(list -> list.valueStream())
              .filter(c -> c.path("alertname").asText().equals(alert))
              .toList();
      assertThat(cases).as("%s: a case where it fires", alert).anyMatch(c -> fires(c));
      assertThat(cases).as("%s: a case where it is silent", alert).anyMatch(c -> !fires(c));
    }
    for (JsonNode rule :
        rules.path("groups").findValues("rules").stream().flatMap(JsonNode::valueStream).toList()) {
      if (rule.has("alert")) {
        assertThat(rule.path("for").asText()).as("%s for:", rule.get("alert")).isNotEmpty();
        assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
        assertThat(rule.path("annotations").path("summary").asText()).isNotEmpty();
        assertThat(rule.path("annotations").path("description").asText()).isNotEmpty();
      }
    }
  }

  @Test
  void composeScrapeConfigPassesPromtoolCheckConfig() throws Exception {
    Result r =
        PrometheusTools.promtool(DeployDir.prometheus(), "check", "config", "prometheus.yaml");

    assertThat(r.exitCode()).as("promtool check config:%n%s", r.output()).isZero();
  }

  /**
   * Debian builds Prometheus without Kubernetes discovery, so its promtool rejects {@code
   * kubernetes_sd_configs}; everything else in the Kubernetes configuration (relabelling, rule
   * files) is checked with that discovery swapped for a static target.
   */
  @Test
  void kubernetesScrapeConfigPassesPromtoolWithDiscoveryMadeStatic() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode config = yaml.readTree(DeployDir.prometheus().resolve("prometheus-k8s.yaml").toFile());
    int swapped = 0;
    for (JsonNode job : config.path("scrape_configs")) {
      if (job.has("kubernetes_sd_configs")) {
        ObjectNode o = (ObjectNode) job;
        assertThat(job.path("kubernetes_sd_configs").findValuesAsText("role")).contains("pod");
        o.remove("kubernetes_sd_configs");
        ArrayNode targets = o.putArray("static_configs").addObject().putArray("targets");
        targets.add("127.0.0.1:9464");
        swapped++;
      }
    }
    assertThat(swapped).as("jobs with kubernetes_sd_configs").isPositive();
    yaml.writeValue(tmp.resolve("prometheus.yaml").toFile(), config);
    Files.copy(DeployDir.prometheus().resolve("alerts.yaml"), tmp.resolve("alerts.yaml"));

    Result r = PrometheusTools.promtool(tmp, "check", "config", "prometheus.yaml");

    assertThat(r.exitCode()).as("promtool check config:%n%s", r.output()).isZero();
  }

  private static boolean fires(JsonNode alertCase) {
    return !alertCase.path("exp_alerts").isEmpty();
  }
}
