package dev.latentmpc.deploy.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bearer tokens the operator API accepts, as SHA-256 hashes: a token file has one {@code role
 * name sha256-hex} line per token ({@code #} comments and blank lines ignored), e.g. {@code
 * operator alice 9f86d0...}. {@code latent-mpc token new} makes a token and its line, {@code
 * latent-mpc token hash} (or {@code printf %s "$TOKEN" | sha256sum}) hashes an existing one. The
 * plaintext tokens are never stored; a presented token is hashed and compared with every entry in
 * constant time.
 */
public final class TokenStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private record Entry(byte[] hash, Principal principal) {}

  private final List<Entry> entries;

  private TokenStore(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads a token file.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it is not UTF-8 text, naming the first malformed line, or
   *     when it has no token
   */
  public static TokenStore load(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      // Named here: the decoder's own message ("Input length = 1") says nothing useful.
      throw new IllegalArgumentException(
          file + ": not UTF-8 text; a token file has one 'role name sha256-hex' line per token");
    }
    return parse(text.lines().toList(), file.toString());
  }

  /** Parses token-file lines; {@code source} names them in errors. */
  public static TokenStore parse(List<String> lines, String source) {
    List<Entry> entries = new ArrayList<>();
    Set<String> hashes = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1);
      String[] f = line.split("\\s+");
      if (f.length != 3) {
        throw new IllegalArgumentException(where + ": expected 'role name sha256-hex'");
      }
      Role role;
      try {
        role = Role.valueOf(f[0].toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": role must be operator or viewer");
      }
      if (!NAME.matcher(f[1]).matches()) {
        throw new IllegalArgumentException(where + ": name must be 1-64 of [A-Za-z0-9._@-]");
      }
      if (!SHA256_HEX.matcher(f[2]).matches()) {
        throw new IllegalArgumentException(
            where + ": the third field must be the token's SHA-256 as 64 hex digits");
      }
      if (!names.add(f[1])) {
        throw new IllegalArgumentException(where + ": name '" + f[1] + "' appears twice");
      }
      if (!hashes.add(f[2].toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(where + ": the same token hash appears twice");
      }
      entries.add(new Entry(HexFormat.of().parseHex(f[2]), new Principal(f[1], role)));
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(source + " has no token");
    }
    return new TokenStore(entries);
  }

  /** Returns the principal whose token this is; compares against every entry in constant time. */
  public Optional<Principal> authenticate(String token) {
    byte[] hash = sha256(token);
    Principal found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(hash, e.hash()) && found == null) {
        found = e.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Returns the token-file line {@code role name sha256-hex} of a token.
   *
   * @throws IllegalArgumentException when the name is not 1-64 of {@code [A-Za-z0-9._@-]} or the
   *     token is empty or holds white space
   */
  public static String line(Role role, String name, String token) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1-64 of [A-Za-z0-9._@-], got '" + name + "'");
    }
    if (token.isEmpty() || !token.equals(token.replaceAll("\\s", ""))) {
      throw new IllegalArgumentException("a token must be non-empty, without white space");
    }
    return role.label() + " " + name + " " + hashHex(token);
  }

  /** Returns the lower-case hex SHA-256 of a token's UTF-8 bytes (the token-file form). */
  public static String hashHex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
