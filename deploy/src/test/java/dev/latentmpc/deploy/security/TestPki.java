package dev.latentmpc.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority made with the {@code openssl} command, as deploy/README.md
 * tells lab staff to: {@code ca.pem}, and {@code server.pem}/{@code server.key} and {@code
 * client.pem}/{@code client.key} signed by it for 127.0.0.1 and localhost, valid for a day.
 */
public final class TestPki {
  private final Path dir;

  private TestPki(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates the files in {@code dir}; fails the test when openssl is missing or fails.
   *
   * @param dir an empty temporary directory
   */
  public static TestPki create(Path dir) throws IOException, InterruptedException {
    TestPki pki = new TestPki(dir);
    assertThat(pki.openssl("version"))
        .as("openssl is not installed (deploy/bin/test-all installs Debian's openssl)")
        .isTrue();
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    pki.require(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "1",
        "-subj",
        "/CN=test-ca");
    for (String name : List.of("server", "client")) {
      pki.require(
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          name + ".key",
          "-out",
          name + ".csr",
          "-subj",
          "/CN=" + name);
      pki.require(
          "x509",
          "-req",
          "-in",
          name + ".csr",
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-out",
          name + ".pem",
          "-days",
          "1",
          "-extfile",
          "san.ext");
    }
    return pki;
  }

  /** Returns a file of this authority, e.g. {@code server.pem}. */
  public Path file(String name) {
    return dir.resolve(name);
  }

  private void require(String... args) throws IOException, InterruptedException {
    assertThat(openssl(args))
        .as("openssl %s failed: %s", args[0], Files.readString(dir.resolve("openssl.log")))
        .isTrue();
  }

  private boolean openssl(String... args) throws InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("openssl.log").toFile())
              .start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
