package dev.latentmpc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LatentMpcTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = LatentMpc.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpDescribesTheTopLevelCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: latent-mpc").contains("help");
  }

  @Test
  void modelSubcommandIsRegistered() {
    assertThat(LatentMpc.commandLine().getSubcommands()).containsKeys("model", "help");
    assertThat(run("model", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: latent-mpc model");
  }

  @Test
  void serveAndOperatorAreRegistered() {
    assertThat(LatentMpc.commandLine().getSubcommands()).containsKeys("serve", "operator");
    assertThat(run("operator", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: latent-mpc operator")
        .contains("upload", "run", "cancel", "estop", "reset-estop", "status", "info", "landscape");
  }

  @Test
  void operatorWithoutSubcommandIsAUsageError() {
    assertThat(run("operator")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand");
  }

  @Test
  void versionIsPrinted() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("latent-mpc ");
  }

  @Test
  void missingSubcommandIsAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand").contains("Usage: latent-mpc");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option");
  }

  @Test
  void demoRunsTheServiceEndToEndOnTheEmbeddedBundle() {
    System.setProperty(DemoCommand.HOME_PROPERTY, Path.of("..").toAbsolutePath().toString());
    try {
      assertThat(run("demo", "--steps", "2", "--samples", "32", "--iterations", "2"))
          .as("stderr: %s", err)
          .isZero();
    } finally {
      System.clearProperty(DemoCommand.HOME_PROPERTY);
    }
    assertThat(out.toString())
        .contains("untrained-small-64")
        .contains("untrained weights")
        .contains("in-process sim (reach, seed 7)")
        .contains("CEM 32 samples x 2 iterations")
        .contains("step goal    energy  camera  encode")
        .containsPattern("(?m)^   0    0 ")
        .containsPattern("(?m)^   1    0 ")
        .containsPattern("(?m)^outcome: \\S+ after 2 steps")
        .contains("planning latency per action: median");
  }

  @Test
  void demoRejectsAnUnknownTask() {
    assertThat(run("demo", "--task", "juggle")).isEqualTo(2);
    assertThat(err.toString()).contains("--task").contains("pick-and-place");
  }

  @Test
  void demoWithoutABundleSaysHowToFixIt() {
    assertThat(run("demo", "--bundle", "no/such/dir")).isEqualTo(2);
    assertThat(err.toString()).contains("no model bundle at no/such/dir").contains("--bundle DIR");
  }
}
