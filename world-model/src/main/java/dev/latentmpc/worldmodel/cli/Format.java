package dev.latentmpc.worldmodel.cli;

import java.util.Locale;

/** Human-readable numbers for the command output. */
final class Format {
  private Format() {}

  /** Returns a count with an SI suffix, e.g. {@code 1.01G}, {@code 111.8K}. */
  static String count(double value) {
    if (value >= 1e9) {
      return String.format(Locale.ROOT, "%.2fG", value / 1e9);
    }
    if (value >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", value / 1e6);
    }
    if (value >= 1e3) {
      return String.format(Locale.ROOT, "%.1fK", value / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", value);
  }

  /** Returns a FLOP count, e.g. {@code 161.0 GFLOP}. */
  static String flops(double value) {
    return count(value).replaceAll("([KMG])$", " $1") + (value >= 1e3 ? "FLOP" : " FLOP");
  }

  /** Returns a duration in milliseconds with 3 significant decimals. */
  static String millis(double seconds) {
    return String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
  }
}
