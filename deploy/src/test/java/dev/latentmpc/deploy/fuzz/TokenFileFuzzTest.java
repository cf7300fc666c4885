package dev.latentmpc.deploy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latentmpc.deploy.security.TokenStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing of the bearer-token file ({@code security.tokensFile}). The contract: the
 * file loads and answers {@code authenticate} for any presented token, or {@link TokenStore#load}
 * throws {@link IllegalArgumentException} whose message starts with the file's path and says what
 * is wrong. Any other exception (an I/O error for a file that is there and readable included) is a
 * finding.
 */
class TokenFileFuzzTest {
  /** One directory for the whole run; each input overwrites the file in it. */
  @TempDir static Path dir;

  /** The input as the token file. */
  @FuzzTest(maxDuration = "30s")
  void tokenFile(byte[] contents) throws IOException {
    Path file = dir.resolve("tokens");
    Files.write(file, contents);
    TokenStore store;
    try {
      store = TokenStore.load(file);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage())
          .startsWith(file.toString())
          .hasSizeGreaterThan(file.toString().length() + 2);
      return;
    }
    store.authenticate(new String(contents, StandardCharsets.UTF_8));
  }
}
