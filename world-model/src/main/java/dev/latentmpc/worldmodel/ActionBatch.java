package dev.latentmpc.worldmodel;

import java.util.Arrays;
import java.util.Objects;

/**
 * A batch of candidate action sequences: {@code samples} sequences of {@code horizon} 7-D actions,
 * stored row-major as [samples, horizon, 7].
 *
 * <p>Each action is the change of state between two frames 0.25 s apart: Δx, Δy, Δz [m], Δroll,
 * Δpitch, Δyaw [rad, extrinsic xyz Euler] and Δgripper closedness. The array is not copied (the
 * planner refills one batch per CEM iteration); treat it as owned by the record.
 *
 * @param samples number of sequences, positive
 * @param horizon actions per sequence, positive
 * @param values {@code samples * horizon * 7} values
 */
public record ActionBatch(int samples, int horizon, float[] values) {

  /** Number of components of one action. */
  public static final int ACTION_DIM = 7;

  /** Validates the shape against the array length. */
  public ActionBatch {
    if (samples <= 0 || horizon <= 0) {
      throw new IllegalArgumentException(
          "action batch shape must be positive, got samples=" + samples + " horizon=" + horizon);
    }
    Objects.requireNonNull(values, "values");
    long expected = (long) samples * horizon * ACTION_DIM;
    if (expected != values.length) {
      throw new IllegalArgumentException(
          "action batch ["
              + samples
              + ", "
              + horizon
              + ", 7] needs "
              + expected
              + " values, got "
              + values.length);
    }
  }

  /** Returns component {@code component} of action {@code step} in sequence {@code sample}. */
  public float value(int sample, int step, int component) {
    Objects.checkIndex(sample, samples);
    Objects.checkIndex(step, horizon);
    Objects.checkIndex(component, ACTION_DIM);
    return values[(sample * horizon + step) * ACTION_DIM + component];
  }

  /** Returns true when no value is NaN or infinite. */
  public boolean isFinite() {
    return FiniteCheck.firstNonFinite(values) < 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActionBatch that
        && samples == that.samples
        && horizon == that.horizon
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * samples + horizon) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ActionBatch[samples=" + samples + ", horizon=" + horizon + "]";
  }
}
