package dev.latentmpc.deploy.operator;

/** Parses the comma-separated number lists of the operator options. */
final class Numbers {
  private Numbers() {}

  /**
   * Parses {@code text} as comma-separated finite numbers.
   *
   * @param option the option, for messages
   * @param count the required count, or -1 for any count ≥ 1
   * @throws UsageException when a value is not a finite number or the count is wrong
   */
  static double[] list(String option, String text, int count) {
    String[] parts = text.split(",", -1);
    if (count >= 0 && parts.length != count) {
      throw new UsageException(
          option + " takes " + count + " comma-separated numbers, got '" + text + "'");
    }
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        values[i] = Double.NaN;
      }
      if (!Double.isFinite(values[i])) {
        throw new UsageException(
            option + ": '" + parts[i].trim() + "' is not a finite number (in '" + text + "')");
      }
    }
    return values;
  }
}
