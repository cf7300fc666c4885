package dev.latentmpc.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latentmpc.controller.task.PlannerLimits;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.worldmodel.ExecutionProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  /** The repository root: surefire runs in deploy/. */
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void defaultsNeedNoFileAndNameTheEmbeddedBundle() throws Exception {
    ServeConfig c = ConfigLoader.defaultsWith(HOME);

    assertThat(c.api().host()).isEqualTo("127.0.0.1");
    assertThat(c.api().port()).isEqualTo(50051);
    assertThat(c.model().bundleDir()).isEqualTo(HOME.resolve(ConfigLoader.DEFAULT_BUNDLE));
    assertThat(c.model().runtime().provider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(c.robot().source()).isEqualTo(ArmSource.SIM);
    assertThat(c.robot().bridge().address()).isEqualTo("127.0.0.1:50061");
    assertThat(c.planner()).isEqualTo(PlannerLimits.serviceDefaults());
  }

  @Test
  void theShippedExampleIsValidAndOnlyChangesTheSource() throws Exception {
    Path example = HOME.resolve("deploy/config/serve.example.yaml");

    ServeConfig c = ConfigLoader.load(Optional.of(example), List.of(), HOME);

    ServeConfig defaults =
        ConfigLoader.defaultsWith(HOME, Setting.assignment("robot.source=bridge"));
    assertThat(c).isEqualTo(defaults);
  }

  @Test
  void yamlFileSetsValuesAndFlagsOverrideIt() throws Exception {
    Path file =
        write(
            "serve.yaml",
            """
            api:
              port: 6000
              host: 0.0.0.0
            security:
              allowUnauthenticatedRemote: true
            robot:
              id: panda-7
              source: bridge
              bridge:
                address: robot-7.lab:50061
                callDeadlineMs: 1500
            planner:
              samples: 64
              iterations: 3
            controller:
              moveTimeoutMs: 8000
            """);

    ServeConfig c =
        ConfigLoader.load(
            Optional.of(file),
            List.of(
                Setting.flag("api.port", "7000", "--port"), Setting.assignment("robot.sim.seed=3")),
            HOME);

    assertThat(c.api().port()).isEqualTo(7000);
    assertThat(c.api().host()).isEqualTo("0.0.0.0");
    assertThat(c.robot().robotId()).isEqualTo("panda-7");
    assertThat(c.robot().source()).isEqualTo(ArmSource.BRIDGE);
    assertThat(c.robot().bridge().host()).isEqualTo("robot-7.lab");
    assertThat(c.robot().bridge().callDeadline()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.robot().sim().seed()).isEqualTo(3);
    assertThat(c.planner().samples()).isEqualTo(64);
    assertThat(c.planner().iterations()).isEqualTo(3);
    assertThat(c.planner().l1BallEnabled()).isTrue();
    assertThat(c.controller().moveTimeout()).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void jsonFileIsReadTooAndRelativeBundlePathsFollowTheFile() throws Exception {
    Path bundle = HOME.resolve(ConfigLoader.DEFAULT_BUNDLE);
    Path rel = dir.relativize(bundle);
    Path file =
        write(
            "serve.json",
            "{\"model\": {\"bundle\": \""
                + rel
                + "\", \"intraOpThreads\": 2},"
                + " \"robot\": {\"sim\": {\"task\": \"pick-and-place\", \"pacing\": false}}}");

    ServeConfig c = ConfigLoader.load(Optional.of(file), List.of(), HOME);

    assertThat(c.model().bundleDir()).isEqualTo(bundle);
    assertThat(c.model().runtime().intraOpThreads()).isEqualTo(2);
    assertThat(c.robot().sim().task()).isEqualTo(SimTask.PICK_AND_PLACE);
    assertThat(c.robot().sim().pacing()).isFalse();
  }

  @Test
  void everyProblemIsReportedAtOnce() throws Exception {
    Path file =
        write(
            "bad.yaml",
            """
            api:
              port: 70000
              prot: 1
            model:
              bundle: no-such-bundle
              provider: tpu
            robot:
              bridge:
                address: "robot-7.lab"
            planner:
              samples: 5
              iterations: many
            envelope:
              minXM: 0.9
            """);

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    Optional.of(file),
                    List.of(Setting.flag("robot.source", "moon", "--arm")),
                    HOME));

    assertThat(e.errors())
        .anySatisfy(m -> assertThat(m).startsWith("api.port = 70000 (bad.yaml)").contains("65535"))
        .anySatisfy(m -> assertThat(m).contains("unknown key 'api.prot'").contains("api.port"))
        .anySatisfy(m -> assertThat(m).startsWith("model.bundle").contains("no bundle directory"))
        .anySatisfy(m -> assertThat(m).startsWith("model.provider").contains("cpu, cuda"))
        .anySatisfy(m -> assertThat(m).startsWith("robot.bridge.address").contains("host:port"))
        .anySatisfy(m -> assertThat(m).startsWith("planner.samples = 5").contains("[10, 4096]"))
        .anySatisfy(m -> assertThat(m).startsWith("planner.iterations = 'many'"))
        .anySatisfy(m -> assertThat(m).startsWith("envelope:").contains("x"))
        .anySatisfy(m -> assertThat(m).startsWith("robot.source = 'moon' (--arm)"));
    assertThat(e.errors()).hasSize(9);
  }

  @Test
  void metricsListenOnLoopback9464ByDefaultAndMinusOneTurnsThemOff() throws Exception {
    MetricsSettings defaults = ConfigLoader.defaultsWith(HOME).metrics();
    MetricsSettings off =
        ConfigLoader.defaultsWith(HOME, Setting.assignment("metrics.port=-1")).metrics();
    MetricsSettings open =
        ConfigLoader.defaultsWith(
                HOME,
                Setting.assignment("metrics.host=0.0.0.0"),
                Setting.assignment("metrics.port=0"))
            .metrics();

    assertThat(defaults).isEqualTo(new MetricsSettings("127.0.0.1", 9464));
    assertThat(defaults.enabled()).isTrue();
    assertThat(off.enabled()).isFalse();
    assertThat(open).isEqualTo(new MetricsSettings("0.0.0.0", 0));
  }

  @Test
  void badMetricsSettingsAreReportedWithTheRest() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.defaultsWith(
                    HOME,
                    Setting.assignment("metrics.port=-2"),
                    Setting.assignment("metrics.host=not a host"),
                    Setting.assignment("api.port=70000")));

    assertThat(e.errors())
        .anySatisfy(m -> assertThat(m).startsWith("metrics.port = ").contains("[-1, 65535]"))
        .anySatisfy(m -> assertThat(m).startsWith("metrics.host = ").contains("host name or IP"))
        .anySatisfy(m -> assertThat(m).startsWith("api.port = "));
    assertThat(e.errors()).hasSize(3);
  }

  @Test
  void aHorizonTheBundleDoesNotExportIsRefused() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.defaultsWith(HOME, Setting.assignment("planner.horizon=3")));

    assertThat(e.errors()).singleElement().asString().contains("horizons [1, 2]");
  }

  @Test
  void topKAboveSamplesIsRefused() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.defaultsWith(
                    HOME,
                    Setting.assignment("planner.samples=20"),
                    Setting.assignment("planner.topK=30")));

    assertThat(e.errors()).singleElement().asString().startsWith("planner.topK = '30'");
  }

  @Test
  void unreadableFileIsReportedWithTheFlagErrors() throws Exception {
    Path file = write("broken.yaml", "api: [unclosed\n");

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    Optional.of(file), List.of(Setting.flag("api.port", "-1", "--port")), HOME));

    assertThat(e.errors()).hasSize(2);
    assertThat(e.errors().get(0)).contains("broken.yaml is not valid YAML/JSON").contains("line");
    assertThat(e.errors().get(1)).startsWith("api.port = '-1' (--port)");
  }

  @Test
  void missingFileIsNamed() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.load(Optional.of(dir.resolve("nope.yaml")), List.of(), HOME));

    assertThat(e.getMessage()).contains("nope.yaml does not exist");
  }

  @Test
  void setNeedsKeyEqualsValue() {
    assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Setting.assignment("x")))
        .hasMessageContaining("key=value");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
