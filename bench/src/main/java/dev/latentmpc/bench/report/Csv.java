package dev.latentmpc.bench.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes RFC 4180 CSV: a header row, then one row per record, CRLF line ends, a field quoted (with
 * its quotes doubled) only when it holds a comma, quote or line break. Numbers use {@link
 * Locale#ROOT} (a dot for the decimal point, whatever the machine's locale); an unknown number is
 * an empty field.
 */
public final class Csv {
  private Csv() {}

  /**
   * Writes {@code file} (replacing it).
   *
   * @param file the file
   * @param header the column names
   * @param rows the rows, each as many fields as {@code header}
   * @throws IllegalArgumentException when a row has another number of fields
   */
  public static void write(Path file, List<String> header, List<List<String>> rows)
      throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(line(header));
      for (List<String> row : rows) {
        if (row.size() != header.size()) {
          throw new IllegalArgumentException(
              "a row has " + row.size() + " fields, the header " + header.size() + ": " + row);
        }
        w.write(line(row));
      }
    }
  }

  /** Returns one CSV line, CRLF included. */
  static String line(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(field(fields.get(i)));
    }
    return b.append("\r\n").toString();
  }

  /** Returns {@code value} as a CSV field, quoted when it must be. */
  static String field(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** Formats a number with {@code decimals} places; NaN or infinite gives an empty field. */
  public static String number(double value, int decimals) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "";
  }
}
