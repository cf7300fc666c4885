package dev.latentmpc.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Action components held at a fixed value in every sample, and so in the plan: the {@code axis}
 * argument of {@code cem} in the public V-JEPA 2 code ({@code notebooks/utils/mpc_utils.py}), a map
 * from the index of a sampled component (x, y, z, gripper) to its value.
 *
 * <p>As there, a pinned component starts the sampling mean at its value and overwrites every
 * sample's component after the clip, so the elites, the refitted mean and the returned plan carry
 * it unchanged (a pinned gripper value below the rounding threshold is returned as 0, as {@code
 * cem} rounds the gripper mean whatever it is). Unlike there, a pinned value must itself satisfy
 * the planner's bounds (checked by {@link CemConfig} and {@link SamplingHooks#problems}), so every
 * sample stays feasible; with the L1 ball enabled the free xyz components share what the pinned
 * ones leave of its radius.
 *
 * @param dxM the pinned Δx [m], or empty
 * @param dyM the pinned Δy [m], or empty
 * @param dzM the pinned Δz [m], or empty
 * @param dGripper the pinned Δgripper, or empty
 */
public record AxisPins(
    OptionalDouble dxM, OptionalDouble dyM, OptionalDouble dzM, OptionalDouble dGripper) {

  /** Nothing pinned: the paper's planner. */
  public static final AxisPins NONE =
      new AxisPins(
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty());

  private static final String[] NAMES = {"dxM", "dyM", "dzM", "dGripper"};

  /** Checks that nothing is null. */
  public AxisPins {
    Objects.requireNonNull(dxM, "dxM");
    Objects.requireNonNull(dyM, "dyM");
    Objects.requireNonNull(dzM, "dzM");
    Objects.requireNonNull(dGripper, "dGripper");
  }

  /** Returns these pins with Δx pinned to {@code valueM}. */
  public AxisPins withDxM(double valueM) {
    return new AxisPins(OptionalDouble.of(valueM), dyM, dzM, dGripper);
  }

  /** Returns these pins with Δy pinned to {@code valueM}. */
  public AxisPins withDyM(double valueM) {
    return new AxisPins(dxM, OptionalDouble.of(valueM), dzM, dGripper);
  }

  /** Returns these pins with Δz pinned to {@code valueM}. */
  public AxisPins withDzM(double valueM) {
    return new AxisPins(dxM, dyM, OptionalDouble.of(valueM), dGripper);
  }

  /** Returns these pins with Δgripper pinned to {@code value}. */
  public AxisPins withDGripper(double value) {
    return new AxisPins(dxM, dyM, dzM, OptionalDouble.of(value));
  }

  /** Returns whether no component is pinned. */
  public boolean isEmpty() {
    return dxM.isEmpty() && dyM.isEmpty() && dzM.isEmpty() && dGripper.isEmpty();
  }

  /**
   * Returns the pin of sampled component {@code c} (0 = x, 1 = y, 2 = z, 3 = gripper), as the
   * {@code axis} keys of {@code cem} index them.
   */
  public OptionalDouble component(int c) {
    return switch (c) {
      case 0 -> dxM;
      case 1 -> dyM;
      case 2 -> dzM;
      case 3 -> dGripper;
      default -> throw new IndexOutOfBoundsException("component " + c + " of (x, y, z, gripper)");
    };
  }

  /**
   * Adds a message per pin outside the planner's bounds: |Δxyz| ≤ {@code maxNormM}, |Δgripper| ≤
   * {@code gripperLimit}, and with the L1 ball the pinned |Δx| + |Δy| + |Δz| within its radius.
   *
   * @param prefix prefixed to each field name, e.g. {@code "pins."}
   */
  void check(
      List<String> errors,
      String prefix,
      double maxNormM,
      double gripperLimit,
      boolean l1BallEnabled,
      double l1BallRadiusM) {
    double l1M = 0;
    for (int c = 0; c < 4; c++) {
      OptionalDouble pin = component(c);
      if (pin.isEmpty()) {
        continue;
      }
      double value = pin.getAsDouble();
      double bound = c < 3 ? maxNormM : gripperLimit;
      String limit = c < 3 ? "maxNormM" : "gripperLimit";
      if (!(Math.abs(value) <= bound)) {
        errors.add(
            prefix
                + NAMES[c]
                + " must be finite and within ±"
                + limit
                + " "
                + bound
                + ", got "
                + value);
      } else if (c < 3) {
        l1M += Math.abs((double) Pinning.stored(value, bound));
      }
    }
    if (l1BallEnabled && l1M > l1BallRadiusM) {
      errors.add(
          prefix
              + "dxM, dyM, dzM: the pinned |Δx| + |Δy| + |Δz| must be within the L1 ball's radius "
              + l1BallRadiusM
              + " m, got "
              + l1M);
    }
  }

  /** Returns the pinned values as a list of strings like {@code dzM=0.0}, for messages. */
  List<String> describe() {
    List<String> parts = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      OptionalDouble pin = component(c);
      if (pin.isPresent()) {
        parts.add(NAMES[c] + "=" + pin.getAsDouble());
      }
    }
    return parts;
  }
}
