package dev.latentmpc.deploy;

import dev.latentmpc.deploy.security.Role;
import dev.latentmpc.deploy.security.TokenStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code token}: the operator API's bearer tokens, for {@code security.tokensFile}. The file holds
 * only SHA-256 hashes ({@link TokenStore}); a plaintext token is shown once, when it is made.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Make and hash bearer tokens for the operator API's token file (security.tokensFile:"
          + " one `role name sha256-hex` line per token)."
    },
    subcommands = {TokenCommand.NewToken.class, TokenCommand.HashToken.class})
final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Reached only without a subcommand: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** {@code token new}: a random token, its line appended to the token file. */
  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = {
        "Make a random 256-bit token, append its line to the token file (created with mode 0600),"
            + " and print the token once on stdout: hand it to its owner (--token or"
            + " $LATENT_MPC_TOKEN). The running service reads the file at start: restart it.",
        "Example: latent-mpc token new --role operator --name alice --tokens-file tokens.txt"
            + " > alice.token"
      })
  static final class NewToken implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--role", required = true, description = "operator or viewer.")
    Role role;

    @Option(names = "--name", required = true, description = "Who holds it (audit log name).")
    String name;

    @Option(
        names = "--tokens-file",
        required = true,
        paramLabel = "FILE",
        description = "The token file to append to.")
    Path file;

    private final SecureRandom random = new SecureRandom();

    @Override
    public Integer call() throws IOException {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      String token = HexFormat.of().formatHex(bytes);
      PrintWriter err = spec.commandLine().getErr();
      String line;
      List<String> lines = new ArrayList<>();
      try {
        line = TokenStore.line(role, name, token);
        if (Files.exists(file)) {
          lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        lines.add(line);
        TokenStore.parse(lines, file.toString()); // duplicate names or hashes: refuse
      } catch (IllegalArgumentException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return 2;
      }
      append(file, line);
      spec.commandLine().getOut().println(token);
      spec.commandLine().getOut().flush();
      err.println(
          "token: added '"
              + role.label()
              + " "
              + name
              + "' to "
              + file
              + "; the token above is"
              + " not stored anywhere, keep it");
      err.flush();
      return 0;
    }

    private static void append(Path file, String line) throws IOException {
      if (!Files.exists(file)) {
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(file); // no POSIX permissions on this file system
        } catch (FileAlreadyExistsException e) {
          // Created meanwhile: append to it.
        }
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
      Files.writeString(
          file, prefix + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
  }

  /** {@code token hash}: the hash (or whole line) of a token read from stdin. */
  @Command(
      name = "hash",
      mixinStandardHelpOptions = true,
      description = {
        "Read a token from stdin (its first line) and print its SHA-256 hex, or with --role and"
            + " --name its whole token-file line. The token never appears in the command line.",
        "Example: latent-mpc token hash --role viewer --name vera < vera.token >> tokens.txt"
      })
  static final class HashToken implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--role", description = "operator or viewer: print the whole line.")
    Role role;

    @Option(names = "--name", description = "The holder's name: print the whole line.")
    String name;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      if ((role == null) != (name == null)) {
        err.println("error: --role and --name go together (or neither: print the hash only)");
        err.flush();
        return 2;
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String first = reader.readLine();
      String token = first == null ? "" : first.strip();
      try {
        String line =
            TokenStore.line(role == null ? Role.VIEWER : role, name == null ? "x" : name, token);
        String out = role == null ? TokenStore.hashHex(token) : line;
        spec.commandLine().getOut().println(out);
        spec.commandLine().getOut().flush();
        return 0;
      } catch (IllegalArgumentException e) {
        err.println("error: " + e.getMessage() + " (read from stdin)");
        err.flush();
        return 2;
      }
    }
  }
}
