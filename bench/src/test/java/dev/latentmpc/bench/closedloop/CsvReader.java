package dev.latentmpc.bench.closedloop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) for tests of the files we write. */
public final class CsvReader {
  private CsvReader() {}

  /** Returns the rows of {@code file}, the header first. */
  public static List<List<String>> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    if (!row.isEmpty() || field.length() > 0) {
      throw new IOException("the last line of " + file + " has no CRLF");
    }
    return rows;
  }
}
