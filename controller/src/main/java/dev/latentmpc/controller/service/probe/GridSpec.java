package dev.latentmpc.controller.service.probe;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * A Δx × Δy grid of actions {@code [Δx, Δy, 0, 0, 0, 0, 0]}, evenly spaced with both ends included.
 *
 * @param minDxM smallest Δx, metres, in [-0.2, 0.2]
 * @param maxDxM largest Δx, metres, in [-0.2, 0.2], above {@code minDxM}
 * @param stepsX columns, in [2, 64]
 * @param minDyM smallest Δy, metres, in [-0.2, 0.2]
 * @param maxDyM largest Δy, metres, in [-0.2, 0.2], above {@code minDyM}
 * @param stepsY rows, in [2, 64]
 */
public record GridSpec(
    double minDxM, double maxDxM, long stepsX, double minDyM, double maxDyM, long stepsY) {

  /** Largest |Δx| or |Δy| on a grid, metres. */
  public static final double MAX_DELTA_M = 0.2;

  /** Most columns or rows. */
  public static final long MAX_STEPS = 64;

  /**
   * Checks every field, reporting all problems at once.
   *
   * @throws io.grpc.StatusRuntimeException {@code INVALID_ARGUMENT} naming the {@code grid} fields
   */
  public GridSpec {
    List<String> errors = new ArrayList<>();
    range(errors, "x", minDxM, maxDxM);
    range(errors, "y", minDyM, maxDyM);
    steps(errors, "grid.steps_x", stepsX);
    steps(errors, "grid.steps_y", stepsY);
    if (!errors.isEmpty()) {
      throw Status.INVALID_ARGUMENT.withDescription(String.join("; ", errors)).asRuntimeException();
    }
  }

  private static void range(List<String> errors, String axis, double min, double max) {
    String minName = "grid.min_d" + axis + "_m";
    String maxName = "grid.max_d" + axis + "_m";
    boolean minOk = Math.abs(min) <= MAX_DELTA_M;
    boolean maxOk = Math.abs(max) <= MAX_DELTA_M;
    if (!minOk) {
      errors.add(minName + " must be in [-0.2, 0.2] m, got " + min);
    }
    if (!maxOk) {
      errors.add(maxName + " must be in [-0.2, 0.2] m, got " + max);
    }
    if (minOk && maxOk && !(max > min)) {
      errors.add(maxName + " (" + max + ") must be greater than " + minName + " (" + min + ")");
    }
  }

  private static void steps(List<String> errors, String name, long steps) {
    if (steps < 2 || steps > MAX_STEPS) {
      errors.add(name + " must be in [2, " + MAX_STEPS + "], got " + steps);
    }
  }

  /** Returns the Δx of every column, metres, ascending. */
  public double[] dxValuesM() {
    return values(minDxM, maxDxM, (int) stepsX);
  }

  /** Returns the Δy of every row, metres, ascending. */
  public double[] dyValuesM() {
    return values(minDyM, maxDyM, (int) stepsY);
  }

  private static double[] values(double min, double max, int steps) {
    double[] values = new double[steps];
    for (int i = 0; i < steps; i++) {
      values[i] = i == steps - 1 ? max : min + (max - min) * i / (steps - 1);
    }
    return values;
  }
}
