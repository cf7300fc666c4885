package dev.latentmpc.worldmodel;

/** Finite-value checks shared by the records and the runtime; reports the first bad index. */
public final class FiniteCheck {
  private FiniteCheck() {}

  /**
   * Returns the index of the first NaN or infinite value, or -1 when all values are finite.
   *
   * @param values the values to scan
   */
  public static int firstNonFinite(float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Throws {@link IllegalArgumentException} naming {@code argument} when a value is not finite.
   *
   * @param argument the argument name used in the message
   * @param values the values to check
   * @return {@code values}, for chaining
   */
  public static float[] requireFinite(String argument, float[] values) {
    int bad = firstNonFinite(values);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          argument + " holds a non-finite value (" + values[bad] + ") at index " + bad);
    }
    return values;
  }
}
