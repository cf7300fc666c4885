package dev.latentmpc.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading token files: the errors name the file and what is wrong. */
class TokenStoreTest {
  private static final String LINE =
      "operator alice 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @TempDir Path dir;

  @Test
  void aValidFileAuthenticatesItsToken() throws IOException {
    Path file = write(("# tokens\r\n" + LINE + "\r\n").getBytes(StandardCharsets.UTF_8));
    assertThat(TokenStore.load(file).authenticate("test"))
        .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("alice"));
  }

  /**
   * Found by TokenFileFuzzTest: bytes that are not UTF-8 escaped as a MalformedInputException whose
   * message ("Input length = 1") named neither the file nor the problem.
   */
  @Test
  void aFileThatIsNotUtf8IsAnErrorNamingTheFile() throws IOException {
    byte[] bytes = (LINE + "\n").getBytes(StandardCharsets.UTF_8);
    bytes[3] = (byte) 0xC3; // a lead byte followed by an ASCII byte: malformed
    Path file = write(bytes);
    assertThatThrownBy(() -> TokenStore.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            file + ": not UTF-8 text; a token file has one 'role name sha256-hex' line per token");
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = dir.resolve("tokens");
    Files.write(file, bytes);
    return file;
  }
}
