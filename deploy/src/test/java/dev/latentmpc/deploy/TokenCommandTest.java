package dev.latentmpc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.deploy.security.Principal;
import dev.latentmpc.deploy.security.Role;
import dev.latentmpc.deploy.security.TokenStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code latent-mpc token new} and {@code token hash}: what lab staff make token files with. */
class TokenCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = LatentMpc.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private int runWithStdin(String stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void newAppendsTheHashToAPrivateFileAndPrintsTheTokenOnlyOnce() throws Exception {
    Path tokens = dir.resolve("tokens.txt");

    assertThat(
            run(
                "token",
                "new",
                "--role",
                "operator",
                "--name",
                "alice",
                "--tokens-file",
                "" + tokens))
        .as("stderr: %s", err)
        .isZero();
    String alice = out.toString().strip();
    out.getBuffer().setLength(0);
    assertThat(
            run("token", "new", "--role", "viewer", "--name", "vera", "--tokens-file", "" + tokens))
        .isZero();
    String vera = out.toString().strip();

    assertThat(alice).matches("[0-9a-f]{64}").isNotEqualTo(vera);
    String file = Files.readString(tokens);
    assertThat(file).doesNotContain(alice).doesNotContain(vera);
    assertThat(Files.getPosixFilePermissions(tokens))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    TokenStore store = TokenStore.load(tokens);
    assertThat(store.authenticate(alice)).contains(new Principal("alice", Role.OPERATOR));
    assertThat(store.authenticate(vera)).contains(new Principal("vera", Role.VIEWER));
  }

  @Test
  void newRefusesANameThatIsAlreadyThereAndLeavesTheFileAlone() throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    run("token", "new", "--role", "operator", "--name", "alice", "--tokens-file", "" + tokens);
    String before = Files.readString(tokens);

    assertThat(
            run(
                "token",
                "new",
                "--role",
                "viewer",
                "--name",
                "alice",
                "--tokens-file",
                "" + tokens))
        .isEqualTo(2);
    assertThat(err.toString()).contains("name 'alice' appears twice");
    assertThat(Files.readString(tokens)).isEqualTo(before);
  }

  @Test
  void hashReadsTheTokenFromStdinAndPrintsItsHashOrItsLine() {
    assertThat(runWithStdin("s3cret-token\n", "token", "hash")).isZero();
    assertThat(out.toString().strip()).isEqualTo(TokenStore.hashHex("s3cret-token"));

    out.getBuffer().setLength(0);
    assertThat(runWithStdin("s3cret-token", "token", "hash", "--role", "viewer", "--name", "vera"))
        .isZero();
    assertThat(out.toString().strip())
        .isEqualTo("viewer vera " + TokenStore.hashHex("s3cret-token"));
  }

  @Test
  void hashRefusesAnEmptyTokenAndAHalfLine() {
    assertThat(runWithStdin("", "token", "hash")).isEqualTo(2);
    assertThat(err.toString()).contains("non-empty");
    assertThat(runWithStdin("t", "token", "hash", "--role", "viewer")).isEqualTo(2);
    assertThat(err.toString()).contains("--role and --name go together");
  }
}
