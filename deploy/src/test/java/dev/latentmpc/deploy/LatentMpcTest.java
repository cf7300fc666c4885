package dev.latentmpc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
  void theServiceAloneCarriesNoBenchOrResearchCommands() {
    // deploy's class path is the service's: demo, bench and the research tools join from bench/.
    CommandLine commandLine = LatentMpc.commandLine();
    assertThat(commandLine.getSubcommands()).doesNotContainKeys("demo", "bench");
    assertThat(commandLine.getSubcommands().get("sim").getSubcommands())
        .doesNotContainKeys("oracle", "reach-probes", "grasp-probes");
  }
}
