package dev.latentmpc.controller.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the bridge token file: one private token, messages that never show it. */
class BridgeTokenTest {
  private static final String TOKEN = "kq3-Zt9_secret.token";

  @TempDir Path dir;

  @Test
  void theOneTokenIsReadPastCommentsAndBlankLines() throws Exception {
    Path file = write("# robot 7 bridge\n\n  " + TOKEN + "  \n# rotated 2026-12\n", "rw-------");

    assertThat(BridgeToken.read(file)).isEqualTo(TOKEN);
  }

  @Test
  void aGroupReadableFileIsAccepted() throws Exception {
    assertThat(BridgeToken.read(write(TOKEN + "\n", "rw-r-----"))).isEqualTo(TOKEN);
  }

  @Test
  void aFileEveryUserMayReadIsRefusedWithTheFix() throws Exception {
    Path file = write(TOKEN + "\n", "rw-r--r--");

    assertThatThrownBy(() -> BridgeToken.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            file
                + " holds a secret but every user may read it (mode rw-r--r--): chmod 600 it, or"
                + " 640 with a group the service runs in");
  }

  @Test
  void aFileEveryUserMayWriteIsRefused() throws Exception {
    Path file = write(TOKEN + "\n", "rw-----w-");

    assertThatThrownBy(() -> BridgeToken.read(file))
        .hasMessageContaining("every user may write it (mode rw-----w-)");
  }

  @Test
  void twoTokensAreRefusedNamingTheLineButNotTheTokens() throws Exception {
    Path file = write(TOKEN + "\nother-" + TOKEN + "\n", "rw-------");

    assertThatThrownBy(() -> BridgeToken.read(file))
        .hasMessage(file + " line 2: a second token; the file must hold exactly one")
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void aTokenWithWhiteSpaceOrNonAsciiIsRefused() throws Exception {
    Path spaced = write("Bearer " + TOKEN + "\n", "rw-------");
    assertThatThrownBy(() -> BridgeToken.read(spaced))
        .hasMessage(
            spaced
                + " line 1: the token must be printable ASCII without white space (character 7"
                + " is not)");
    Path accented = write("tökén\n", "rw-------");
    assertThatThrownBy(() -> BridgeToken.read(accented))
        .hasMessageContaining("line 1: the token must be printable ASCII");
  }

  @Test
  void aFileWithoutATokenIsRefused() throws Exception {
    Path file = write("# nothing yet\n\n", "rw-------");

    assertThatThrownBy(() -> BridgeToken.read(file))
        .hasMessage(
            file + " holds no token (one line with the token; # comments and blank lines ignored)");
  }

  @Test
  void aMissingFileIsAnIoErrorNamingIt() {
    Path file = dir.resolve("absent.token");

    assertThatThrownBy(() -> BridgeToken.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage("no readable file at " + file);
  }

  @Test
  void aHugeFileIsNotATokenFile() throws Exception {
    Path file = write("x".repeat((int) BridgeToken.MAX_FILE_BYTES + 1), "rw-------");

    assertThatThrownBy(() -> BridgeToken.read(file)).hasMessageContaining("not a token file");
  }

  private Path write(String text, String mode) throws IOException {
    Path file = Files.createTempFile(dir, "bridge", ".token");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }
}
