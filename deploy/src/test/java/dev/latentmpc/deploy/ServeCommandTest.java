package dev.latentmpc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.deploy.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code latent-mpc serve}'s configuration handling, which runs before anything starts. */
class ServeCommandTest {
  @TempDir Path dir;

  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void home() {
    System.setProperty(
        ConfigLoader.HOME_PROPERTY, Path.of("..").toAbsolutePath().normalize().toString());
  }

  @AfterEach
  void clearHome() {
    System.clearProperty(ConfigLoader.HOME_PROPERTY);
  }

  @Test
  void checkPrintsTheEffectiveConfigWhichReadsBackTheSame() throws Exception {
    assertThat(run("serve", "--check", "--arm", "bridge", "--samples", "64")).isZero();
    String printed = out.toString();
    assertThat(printed)
        .contains("api:\n  host: \"127.0.0.1\"\n  port: 50051")
        .contains("  source: \"bridge\"")
        .contains("planner:\n  samples: 64");
    Path file = Files.writeString(dir.resolve("effective.yaml"), printed);

    assertThat(run("serve", "--check", "--config", file.toString())).isZero();

    assertThat(out.toString()).isEqualTo(printed);
  }

  @Test
  void everyConfigProblemIsListedAndNothingStarts() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "api:\n  port: 99999\n");

    int status =
        run(
            "serve",
            "--config",
            file.toString(),
            "--bridge",
            "nowhere",
            "--set",
            "planner.horizon=3",
            "--set",
            "robot.colour=red");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: invalid configuration (4 problem(s)):")
        .contains("  - api.port = 99999 (bad.yaml)")
        .contains("  - robot.bridge.address = 'nowhere' (--bridge)")
        .contains("  - planner.horizon = '3' (--set planner.horizon)")
        .contains("  - unknown key 'robot.colour'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void malformedSetIsAUsageError() {
    assertThat(run("serve", "--set", "planner.samples")).isEqualTo(2);
    assertThat(err.toString()).contains("--set needs key=value");
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = LatentMpc.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
