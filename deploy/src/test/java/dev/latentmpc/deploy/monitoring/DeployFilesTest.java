package dev.latentmpc.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files under {@code deploy/} without a container engine, Grafana or a cluster:
 * every YAML and JSON file parses; the dashboard is well-formed and only names metrics of the
 * contract; provisioning, compose and the Kubernetes manifests point at files and ports that exist.
 * {@link ShippedSecurityTest} checks the serve configurations they ship (TLS, tokens, validation).
 */
class DeployFilesTest {
  /**
   * Prometheus metric families of the metric contract (issue 6). Histograms add {@code _bucket},
   * {@code _count}, {@code _sum}, and Micrometer a {@code _max} gauge.
   */
  static final Set<String> CONTRACT_FAMILIES =
      Set.of(
          "latentmpc_step_phase_seconds",
          "latentmpc_steps_total",
          "latentmpc_cem_iteration_seconds",
          "latentmpc_model_inference_seconds",
          "latentmpc_step_energy",
          "latentmpc_subgoal_switches_total",
          "latentmpc_task_outcomes_total",
          "latentmpc_task_active",
          "latentmpc_envelope_decisions_total",
          "latentmpc_camera_frame_age_seconds",
          "latentmpc_camera_frames_dropped_total",
          "latentmpc_camera_reconnects_total",
          "latentmpc_bridge_call_seconds",
          "latentmpc_bridge_errors_total");

  private static final Pattern METRIC = Pattern.compile("\\blatentmpc_[a-z_]+");
  private static final Set<String> GRAFANA_BUILTINS =
      Set.of("__rate_interval", "__interval", "__range", "__range_s", "__interval_ms");

  private final YAMLMapper yaml = new YAMLMapper();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void everyYamlAndJsonFileUnderDeployParses() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(DeployDir.root())) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> !DeployDir.root().relativize(f).startsWith("target"))
              .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
              .sorted()
              .toList();
    }
    List<String> problems = new ArrayList<>();
    int documents = 0;
    for (Path f : files) {
      try {
        if (f.toString().endsWith(".json")) {
          json.readTree(f.toFile());
          documents++;
        } else {
          for (JsonNode doc : yamlDocuments(f)) {
            assertThat(doc).as("%s: an empty document", f).isNotNull();
            documents++;
          }
        }
      } catch (IOException e) {
        problems.add(DeployDir.root().relativize(f) + ": " + e.getMessage());
      }
    }

    assertThat(problems).as("files that do not parse").isEmpty();
    assertThat(files.stream().map(f -> DeployDir.root().relativize(f).toString()))
        .contains(
            "compose.yaml",
            "grafana/dashboards/latent-mpc.json",
            "grafana/provisioning/datasources/prometheus.yaml",
            "grafana/provisioning/dashboards/latent-mpc.yaml",
            "prometheus/alerts.yaml",
            "prometheus/alerts_test.yaml",
            "prometheus/prometheus.yaml",
            "k8s/statefulset.yaml");
    assertThat(documents).isGreaterThanOrEqualTo(files.size());
  }

  @Test
  void dashboardIsWellFormed() throws IOException {
    GrafanaDashboard dashboard = GrafanaDashboard.read(DeployDir.dashboard());
    JsonNode root = dashboard.json();

    assertThat(root.path("uid").asText()).isEqualTo("latent-mpc");
    assertThat(root.path("title").asText()).isNotBlank();
    assertThat(root.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    Set<Integer> ids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    List<int[]> boxes = new ArrayList<>();
    for (JsonNode panel : dashboard.panels()) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as("unique id of '%s'", title).isTrue();
      assertThat(titles.add(title)).as("unique title '%s'", title).isTrue();
      JsonNode grid = panel.path("gridPos");
      int x = grid.path("x").asInt(-1);
      int y = grid.path("y").asInt(-1);
      int w = grid.path("w").asInt(0);
      int h = grid.path("h").asInt(0);
      assertThat(x).as("'%s' x", title).isBetween(0, 23);
      assertThat(x + w).as("'%s' right edge", title).isBetween(1, 24);
      assertThat(y).as("'%s' y", title).isNotNegative();
      assertThat(h).as("'%s' height", title).isPositive();
      for (int[] other : boxes) {
        boolean overlap =
            x < other[0] + other[2]
                && other[0] < x + w
                && y < other[1] + other[3]
                && other[1] < y + h;
        assertThat(overlap).as("'%s' overlaps another panel", title).isFalse();
      }
      boxes.add(new int[] {x, y, w, h});
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("type").asText()).as("'%s' type", title).isIn("timeseries", "stat");
      assertThat(panel.path("description").asText()).as("'%s' description", title).isNotBlank();
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets").size()).as("'%s' targets", title).isPositive();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(refIds.add(target.path("refId").asText())).as("'%s' refIds", title).isTrue();
        assertThat(target.path("expr").asText()).as("'%s' expr", title).isNotBlank();
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      }
    }
    assertThat(dashboard.queries()).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void dashboardAndAlertsUseOnlyContractMetricsAndDefinedVariables() throws IOException {
    GrafanaDashboard dashboard = GrafanaDashboard.read(DeployDir.dashboard());
    Map<String, JsonNode> variables = dashboard.variables();
    assertThat(variables).containsKeys("datasource", "instance");
    assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");

    for (GrafanaDashboard.Query q : dashboard.queries()) {
      for (String name : GrafanaDashboard.variablesIn(q.expr())) {
        assertThat(variables.containsKey(name) || GRAFANA_BUILTINS.contains(name))
            .as("%s uses undefined variable $%s", q.describe(), name)
            .isTrue();
      }
      assertContractMetrics(q.describe(), q.expr());
    }
    assertContractMetrics(
        "alerts.yaml", Files.readString(DeployDir.prometheus().resolve("alerts.yaml")));
    assertContractMetrics(
        "alerts_test.yaml", Files.readString(DeployDir.prometheus().resolve("alerts_test.yaml")));
  }

  @Test
  void contractFamiliesCoverTheMeterNamesTheCodeRegisters() throws IllegalAccessException {
    for (var field : dev.latentmpc.controller.metrics.MetricNames.class.getFields()) {
      Object value = field.get(null);
      if (value instanceof String name && name.startsWith("latentmpc.")) {
        String base = name.replace('.', '_');
        assertThat(CONTRACT_FAMILIES)
            .as("MetricNames.%s = %s has a contract family", field.getName(), name)
            .anyMatch(f -> f.equals(base) || f.startsWith(base + "_"));
      }
    }
  }

  @Test
  void grafanaProvisioningMatchesComposeMounts() throws IOException {
    JsonNode datasources =
        yaml.readTree(
            DeployDir.root().resolve("grafana/provisioning/datasources/prometheus.yaml").toFile());
    JsonNode providers =
        yaml.readTree(
            DeployDir.root().resolve("grafana/provisioning/dashboards/latent-mpc.yaml").toFile());
    JsonNode compose = yaml.readTree(DeployDir.root().resolve("compose.yaml").toFile());

    assertThat(datasources.path("apiVersion").asInt()).isEqualTo(1);
    assertThat(datasources.path("datasources").findValuesAsText("type"))
        .containsExactly("prometheus");
    assertThat(datasources.path("datasources").get(0).path("url").asText())
        .isEqualTo("http://prometheus:9090");
    String dashboardsPath =
        providers.path("providers").get(0).path("options").path("path").asText();
    List<String> grafanaVolumes = texts(compose.path("services").path("grafana").path("volumes"));
    assertThat(grafanaVolumes)
        .as("compose mounts the dashboards where the provider reads them")
        .anyMatch(v -> v.startsWith("./grafana/dashboards:" + dashboardsPath));
    assertThat(grafanaVolumes)
        .anyMatch(
            v -> v.startsWith("./grafana/provisioning/datasources:/etc/grafana/provisioning/"));
  }

  @Test
  void composeServicesAndTheirFilesExist() throws IOException {
    JsonNode compose = yaml.readTree(DeployDir.root().resolve("compose.yaml").toFile());
    JsonNode services = compose.path("services");

    assertThat(services.propertyStream().map(Map.Entry::getKey))
        .contains("sim", "latent-mpc", "latent-mpc-sim", "prometheus", "grafana");
    for (var service : services.properties()) {
      for (String volume : texts(service.getValue().path("volumes"))) {
        if (volume.startsWith("./")) {
          Path source = DeployDir.root().resolve(volume.substring(0, volume.indexOf(':')));
          assertThat(source).as("%s volume source", service.getKey()).exists();
        }
      }
    }
    // The services running the image share it through a YAML anchor (Jackson does not resolve
    // merge keys, so the anchored block is checked where it is defined).
    JsonNode build = compose.path("x-image").path("build");
    Path context = DeployDir.root().resolve(build.path("context").asText()).normalize();
    assertThat(context.resolve("deploy/compose.yaml"))
        .as("build context = repository root")
        .exists();
    assertThat(context.resolve(build.path("dockerfile").asText())).isRegularFile();
    for (String name : List.of("sim", "latent-mpc", "latent-mpc-sim")) {
      assertThat(services.path(name).path("<<").asText())
          .as("%s uses the image", name)
          .isNotEmpty();
    }
    assertThat(
            services
                .path("latent-mpc")
                .path("deploy")
                .path("resources")
                .path("reservations")
                .path("devices")
                .findValuesAsText("driver"))
        .containsExactly("nvidia");
    assertThat(texts(services.path("sim").path("command"))).startsWith("sim", "serve");
    JsonNode prometheus = yaml.readTree(DeployDir.prometheus().resolve("prometheus.yaml").toFile());
    assertThat(prometheus.path("scrape_configs").findValuesAsText("job_name"))
        .contains("latent-mpc", "latent-mpc-sim");
    assertThat(prometheus.toString()).contains("latent-mpc:9464", "latent-mpc-sim:9464");
  }

  @Test
  void kubernetesManifestsDescribeOneGpuPodPerRobotWithGrpcProbes() throws IOException {
    Path k8s = DeployDir.root().resolve("k8s");
    JsonNode kustomization = yaml.readTree(k8s.resolve("kustomization.yaml").toFile());
    List<String> resources = texts(kustomization.path("resources"));
    for (String resource : resources) {
      assertThat(k8s.resolve(resource)).as("kustomization resource").isRegularFile();
    }
    assertThat(resources).contains("statefulset.yaml", "configmap.yaml", "service.yaml");

    JsonNode sts = yamlDocuments(k8s.resolve("statefulset.yaml")).get(0);
    assertThat(sts.path("kind").asText()).isEqualTo("StatefulSet");
    JsonNode pod = sts.path("spec").path("template");
    JsonNode container = pod.path("spec").path("containers").get(0);
    assertThat(container.path("resources").path("limits").path("nvidia.com/gpu").asInt())
        .isEqualTo(1);
    assertThat(container.path("resources").path("requests").path("nvidia.com/gpu").asInt())
        .isEqualTo(1);
    assertThat(container.path("readinessProbe").path("grpc").path("port").asInt())
        .as("the plaintext health port (ShippedSecurityTest checks it against the config)")
        .isEqualTo(50052);
    JsonNode annotations = pod.path("metadata").path("annotations");
    assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");

    JsonNode configMap = yamlDocuments(k8s.resolve("configmap.yaml")).get(0);
    JsonNode serve = yaml.readTree(configMap.path("data").path("serve.yaml").asText());
    assertThat(serve.path("metrics").path("port").asText())
        .as("the scrape annotation's port is the configured metrics port")
        .isEqualTo(annotations.path("prometheus.io/port").asText());
    assertThat(serve.path("api").path("port").asInt()).isEqualTo(50051);

    JsonNode service = yamlDocuments(k8s.resolve("service.yaml")).get(0);
    assertThat(service.path("spec").path("publishNotReadyAddresses").asBoolean()).isTrue();
  }

  @Test
  void systemdUnitRunsTheServiceHardenedAndRestartsOnFailure() throws Exception {
    List<String> lines =
        Files.readAllLines(DeployDir.root().resolve("systemd/latent-mpc.service")).stream()
            .map(String::strip)
            .toList();
    String unit = String.join("\n", lines).replace("\\\n", " ");

    assertThat(lines).contains("[Unit]", "[Service]", "[Install]");
    assertThat(unit)
        .contains("DynamicUser=yes", "Restart=on-failure", "NoNewPrivileges=yes")
        .contains("serve --config /etc/latent-mpc/serve.yaml");
    Matcher main = Pattern.compile("ExecStart=.* (dev\\.latentmpc\\.deploy\\.\\w+) ").matcher(unit);
    assertThat(main.find()).as("ExecStart names the main class").isTrue();
    assertThat(Class.forName(main.group(1))).isNotNull();
  }

  private void assertContractMetrics(String where, String text) {
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      String name = m.group();
      String family = name.replaceFirst("_(bucket|count|sum|max)$", "");
      assertThat(CONTRACT_FAMILIES.contains(name) || CONTRACT_FAMILIES.contains(family))
          .as("%s names %s, which is not a metric of the contract", where, name)
          .isTrue();
    }
  }

  private List<JsonNode> yamlDocuments(Path file) throws IOException {
    try (MappingIterator<JsonNode> docs =
        yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
      return docs.readAll();
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
