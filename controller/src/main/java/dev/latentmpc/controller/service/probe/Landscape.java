package dev.latentmpc.controller.service.probe;

/**
 * Energies on a {@link GridSpec}. Arrays are shared, not copied: treat them as read-only.
 *
 * @param dxValuesM the Δx of each column, metres, ascending
 * @param dyValuesM the Δy of each row, metres, ascending
 * @param energies row-major energies: {@code energies[row * columns + column]}
 * @param argmin index into {@code energies} of the lowest finite energy (0 when none is finite)
 * @param minEnergy the lowest finite energy (NaN when none is finite)
 * @param maxEnergy the highest finite energy (NaN when none is finite)
 * @param evaluateNanos time spent in the energy calls, nanoseconds
 */
public record Landscape(
    double[] dxValuesM,
    double[] dyValuesM,
    float[] energies,
    int argmin,
    float minEnergy,
    float maxEnergy,
    long evaluateNanos) {

  /** Builds a landscape, finding the argmin and the range over the finite energies. */
  public static Landscape of(
      double[] dxValuesM, double[] dyValuesM, float[] energies, long evaluateNanos) {
    int argmin = 0;
    float min = Float.NaN;
    float max = Float.NaN;
    for (int i = 0; i < energies.length; i++) {
      float e = energies[i];
      if (!Float.isFinite(e)) {
        continue;
      }
      if (Float.isNaN(min) || e < min) {
        min = e;
        argmin = i;
      }
      if (Float.isNaN(max) || e > max) {
        max = e;
      }
    }
    return new Landscape(dxValuesM, dyValuesM, energies, argmin, min, max, evaluateNanos);
  }

  /** Returns the number of columns (Δx values). */
  public int columns() {
    return dxValuesM.length;
  }

  /** Returns the number of rows (Δy values). */
  public int rows() {
    return dyValuesM.length;
  }

  /** Returns the Δx of the lowest energy, metres. */
  public double argminDxM() {
    return dxValuesM[argmin % columns()];
  }

  /** Returns the Δy of the lowest energy, metres. */
  public double argminDyM() {
    return dyValuesM[argmin / columns()];
  }
}
