package dev.latentmpc.planner;

import java.util.List;

/** Field checks for {@link CemConfig}: each adds a message naming the field instead of throwing. */
final class ConfigChecks {

  private ConfigChecks() {}

  static void atLeast(List<String> errors, String field, int value, int minimum) {
    if (value < minimum) {
      errors.add(field + " must be >= " + minimum + ", got " + value);
    }
  }

  static void positive(List<String> errors, String field, double value) {
    if (!Double.isFinite(value) || value <= 0) {
      errors.add(field + " must be finite and > 0, got " + value);
    }
  }

  static void nonNegative(List<String> errors, String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      errors.add(field + " must be finite and >= 0, got " + value);
    }
  }

  static void momentum(List<String> errors, String field, double value) {
    // Written so that NaN, for which every comparison is false, is rejected too.
    if (!(value >= 0 && value < 1)) {
      errors.add(field + " must be in [0, 1), got " + value);
    }
  }
}
