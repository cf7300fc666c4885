package dev.latentmpc.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latentmpc.deploy.config.ConfigException;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.SecuritySettings;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.security.ServerTls;
import dev.latentmpc.deploy.security.TestPki;
import dev.latentmpc.deploy.security.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serve configurations shipped for containers ({@code container/serve.yaml}, which compose.yaml
 * uses too) and Kubernetes ({@code k8s/configmap.yaml}) open the operator API on every interface,
 * so they must require TLS and bearer tokens; their key, certificate and token file are secrets
 * mounted at run time exactly where the configurations read them, and never committed. With such
 * files in place (made by openssl and the token tooling, as deploy/README.md says) they pass the
 * service's own validation and the TLS material loads; without them the service refuses to start
 * rather than serve plaintext.
 */
class ShippedSecurityTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final String SECRETS = "/run/secrets/";

  @TempDir static Path tmp;

  private static TestPki pki;
  private static Path tokens;

  private final YAMLMapper yaml = new YAMLMapper();

  @BeforeAll
  static void secrets() throws Exception {
    pki = TestPki.create(Files.createDirectory(tmp.resolve("pki")));
    tokens = tmp.resolve("tokens.txt");
    Files.writeString(
        tokens,
        TokenStore.line(dev.latentmpc.deploy.security.Role.OPERATOR, "alice", "0123456789abcdef")
            + "\n");
  }

  /** The shipped serve configurations, by where they live. */
  private Map<String, JsonNode> shipped() throws IOException {
    Map<String, JsonNode> configs = new LinkedHashMap<>();
    configs.put(
        "container/serve.yaml",
        yaml.readTree(DeployDir.root().resolve("container/serve.yaml").toFile()));
    JsonNode configMap = documents(DeployDir.root().resolve("k8s/configmap.yaml")).get(0);
    configs.put(
        "k8s/configmap.yaml", yaml.readTree(configMap.path("data").path("serve.yaml").asText()));
    return configs;
  }

  @Test
  void everyShippedConfigServesAllInterfacesOnlyWithTlsAndTokens() throws IOException {
    for (var e : shipped().entrySet()) {
      JsonNode api = e.getValue().path("api");
      JsonNode security = e.getValue().path("security");
      assertThat(api.path("host").asText()).as(e.getKey()).isEqualTo("0.0.0.0");
      assertThat(security.path("auth").asText())
          .as("%s security.auth", e.getKey())
          .isEqualTo("token");
      assertThat(security.path("allowUnauthenticatedRemote").asBoolean(false))
          .as("%s must not allow unauthenticated remote callers", e.getKey())
          .isFalse();
      assertThat(secretPaths(e.getValue()))
          .as("%s reads its secrets from mounted files", e.getKey())
          .hasSize(3)
          .allMatch(p -> p.startsWith(SECRETS));
      assertThat(security.path("leaseSeconds").asInt()).as(e.getKey()).isPositive();
      assertThat(api.path("healthPort").asInt())
          .as("%s: a plaintext health port for TLS-less probes", e.getKey())
          .isPositive()
          .isNotEqualTo(api.path("port").asInt());
    }
  }

  @Test
  void shippedConfigsValidateWithTheirSecretsInPlaceAndTheTlsMaterialLoads() throws Exception {
    for (var e : shipped().entrySet()) {
      Path file = tmp.resolve(e.getKey().replace('/', '-'));
      yaml.writeValue(file.toFile(), e.getValue());
      List<Setting> mounted = new ArrayList<>(List.of(embeddedBundle()));
      mounted.add(Setting.assignment("security.tokensFile=" + tokens));
      mounted.add(Setting.assignment("security.tls.certChain=" + pki.file("server.pem")));
      mounted.add(Setting.assignment("security.tls.privateKey=" + pki.file("server.key")));
      ServeConfig config;
      try {
        config = ConfigLoader.load(Optional.of(file), mounted, HOME);
      } catch (ConfigException ex) {
        fail("%s does not validate:%n  %s", e.getKey(), String.join("\n  ", ex.errors()));
        return;
      }
      assertThat(config.security().auth()).isEqualTo(SecuritySettings.AuthMode.TOKEN);
      assertThat(config.security().tls()).as(e.getKey()).isPresent();
      assertThat(ServerTls.credentials(config.security().tls().get())).isNotNull();
      assertThat(TokenStore.load(config.security().tokensFile().get())).isNotNull();
      assertThat(config.api().healthPort()).isPositive();
    }
  }

  @Test
  void withoutTheSecretsTheShippedConfigsRefuseToStart() throws Exception {
    for (var e : shipped().entrySet()) {
      Path file = tmp.resolve("bare-" + e.getKey().replace('/', '-'));
      yaml.writeValue(file.toFile(), e.getValue());
      ConfigException refused =
          catchThrowableOfType(
              ConfigException.class,
              () -> ConfigLoader.load(Optional.of(file), List.of(embeddedBundle()), HOME));
      assertThat(refused).as("%s without its secret files", e.getKey()).isNotNull();
      assertThat(String.join("\n", refused.errors()))
          .contains("security.tokensFile", "security.tls.certChain", "security.tls.privateKey");
    }
  }

  @Test
  void composeMountsTheSecretsWhereTheContainerConfigReadsThemFromAnIgnoredFolder()
      throws IOException {
    JsonNode compose = yaml.readTree(DeployDir.root().resolve("compose.yaml").toFile());
    JsonNode secrets = compose.path("secrets");
    Set<String> mounted = new TreeSet<>();
    for (var s : secrets.properties()) {
      mounted.add(SECRETS + s.getKey());
      assertThat(s.getValue().path("file").asText()).startsWith("./secrets/");
    }
    JsonNode container = yaml.readTree(DeployDir.root().resolve("container/serve.yaml").toFile());
    assertThat(mounted).isEqualTo(new TreeSet<>(secretPaths(container)));
    for (String service : List.of("latent-mpc", "latent-mpc-sim")) {
      List<String> names = new ArrayList<>();
      compose.path("services").path(service).path("secrets").forEach(n -> names.add(n.asText()));
      assertThat(names).as(service).containsExactlyInAnyOrderElementsOf(names(secrets));
    }
    List<String> ignore = Files.readAllLines(DeployDir.root().resolve("secrets/.gitignore"));
    assertThat(ignore).as("deploy/secrets/ keeps keys and tokens out of git").contains("*");
  }

  @Test
  void kubernetesProjectsTheSecretsWhereTheConfigReadsThemAndProbesThePlaintextHealthPort()
      throws IOException {
    JsonNode serve = shipped().get("k8s/configmap.yaml");
    JsonNode pod =
        documents(DeployDir.root().resolve("k8s/statefulset.yaml"))
            .get(0)
            .path("spec")
            .path("template")
            .path("spec");
    JsonNode container = pod.path("containers").get(0);

    String mountPath = null;
    for (JsonNode m : container.path("volumeMounts")) {
      if (m.path("name").asText().equals("secrets")) {
        mountPath = m.path("mountPath").asText();
        assertThat(m.path("readOnly").asBoolean()).isTrue();
      }
    }
    assertThat(mountPath).isEqualTo("/run/secrets");
    Set<String> projected = new TreeSet<>();
    for (JsonNode v : pod.path("volumes")) {
      if (v.path("name").asText().equals("secrets")) {
        for (JsonNode source : v.path("projected").path("sources")) {
          source
              .path("secret")
              .path("items")
              .forEach(i -> projected.add(SECRETS + i.path("path").asText()));
        }
      }
    }
    assertThat(projected).isEqualTo(new TreeSet<>(secretPaths(serve)));
    assertThat(pod.path("securityContext").path("fsGroup").asInt())
        .as("the non-root container can read the projected secrets")
        .isEqualTo(pod.path("securityContext").path("runAsGroup").asInt());

    int healthPort = serve.path("api").path("healthPort").asInt();
    assertThat(container.path("readinessProbe").path("grpc").path("port").asInt())
        .as("the kubelet's gRPC probe speaks no TLS: it uses the plaintext health port")
        .isEqualTo(healthPort);
    List<Integer> ports = new ArrayList<>();
    container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
    assertThat(ports).contains(healthPort, serve.path("api").path("port").asInt());
  }

  private static List<String> secretPaths(JsonNode serve) {
    JsonNode security = serve.path("security");
    List<String> paths = new ArrayList<>();
    for (JsonNode n :
        List.of(
            security.path("tokensFile"),
            security.path("tls").path("certChain"),
            security.path("tls").path("privateKey"))) {
      if (n.isTextual()) {
        paths.add(n.asText());
      }
    }
    return paths;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(p -> names.add(p.getKey()));
    return names;
  }

  private static Setting embeddedBundle() {
    // The bundles these files name live on the robot's machine; validate with the embedded one.
    return Setting.assignment("model.bundle=" + HOME.resolve(ConfigLoader.DEFAULT_BUNDLE));
  }

  private List<JsonNode> documents(Path file) throws IOException {
    try (MappingIterator<JsonNode> docs =
        yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
      return docs.readAll();
    }
  }
}
