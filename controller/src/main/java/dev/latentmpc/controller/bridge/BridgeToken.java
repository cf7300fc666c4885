package dev.latentmpc.controller.bridge;

import dev.latentmpc.controller.rpc.BearerToken;
import io.grpc.ClientInterceptor;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The bearer token a bridge client sends as {@code authorization: Bearer <token>} on every call
 * (the scheme of the Python bridge's {@code security.token_file} and of the operator API).
 *
 * <p>Its file holds the token in plain text, so it is refused when every user of the machine may
 * read or write it (mode {@code 0600}, or {@code 0640} with the service's group, is right). The
 * file has one token on one line; blank lines and {@code #} comments are ignored. A token is 1 to
 * {@value #MAX_TOKEN_CHARS} printable ASCII characters without white space (what a gRPC header
 * value may carry and the Python bridge compares). No message names the token itself.
 */
public final class BridgeToken {
  /** Longest token accepted. */
  public static final int MAX_TOKEN_CHARS = 4096;

  /** Largest token file read: anything bigger is the wrong file. */
  static final long MAX_FILE_BYTES = 64 * 1024;

  private BridgeToken() {}

  /**
   * Reads the token from {@code file}.
   *
   * @return the token
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file and what is wrong with it (and the fix)
   */
  public static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IOException("no readable file at " + file);
    }
    checkPermissions(file);
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          file + " is larger than " + MAX_FILE_BYTES + " bytes: not a token file");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not UTF-8 text: not a token file", e);
    }
    String token = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (token != null) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": a second token; the file must hold exactly one");
      }
      String problem = tokenProblem(line);
      if (problem != null) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + problem);
      }
      token = line;
    }
    if (token == null) {
      throw new IllegalArgumentException(
          file + " holds no token (one line with the token; # comments and blank lines ignored)");
    }
    return token;
  }

  private static void checkPermissions(Path file) throws IOException {
    Set<PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // no POSIX permissions on this file system: nothing to check
    }
    if (mode.contains(PosixFilePermission.OTHERS_READ)
        || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IllegalArgumentException(
          file
              + " holds a secret but every user may "
              + (mode.contains(PosixFilePermission.OTHERS_READ) ? "read" : "write")
              + " it (mode "
              + PosixFilePermissions.toString(mode)
              + "): chmod 600 it, or 640 with a group the service runs in");
    }
  }

  private static String tokenProblem(String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return "the token is longer than " + MAX_TOKEN_CHARS + " characters";
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return "the token must be printable ASCII without white space (character "
            + (i + 1)
            + " is not)";
      }
    }
    return null;
  }

  /** Adds {@code authorization: Bearer <token>} to every call. */
  static ClientInterceptor interceptor(String token) {
    return BearerToken.interceptor(token);
  }
}
