package dev.latentmpc.controller.task;

import dev.latentmpc.planner.AxisPins;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.planner.SamplingHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The limits within which an operator may set the sampling hooks, task-wide and per goal: an
 * initial gripper spread in (0, 2], pins within the planner's bounds (|Δxyz| ≤ max_norm_m, with the
 * L1 ball their L1 norm within its radius, |Δgripper| ≤ 0.75), a closing step below the horizon (a
 * later one would change nothing, which is more likely a mistake than an intent). Error messages
 * name the request fields of {@code control.proto}.
 */
final class SamplingLimits {

  /** Largest initial gripper spread: beyond it nearly every sample sits on the ±0.75 clip. */
  static final double MAX_INITIAL_STD_GRIPPER = 2.0;

  private static final String[] PIN_FIELDS = {"pin_dx_m", "pin_dy_m", "pin_dz_m", "pin_dgripper"};

  private SamplingLimits() {}

  /**
   * Returns {@code base} with {@code overrides} applied, checked against {@code config}; each
   * problem is added to {@code errors} prefixed by {@code field}, and {@code base} returned then.
   */
  static SamplingHooks apply(
      SamplingHooks base,
      SamplingOverrides overrides,
      CemConfig config,
      String field,
      List<String> errors) {
    int before = errors.size();
    double std = overrides.initialStdGripper().orElse(base.initialStdGripper());
    if (overrides.initialStdGripper().isPresent() && !(std > 0 && std <= MAX_INITIAL_STD_GRIPPER)) {
      errors.add(
          field
              + ".initial_std_gripper must be in (0, "
              + MAX_INITIAL_STD_GRIPPER
              + "], got "
              + std);
    }
    AxisPins pins = pins(base.pins(), overrides, config, field, errors);
    SamplingHooks hooks = base.withInitialStdGripper(std).withPins(pins);
    if (overrides.closeGripperFromStep().isPresent()) {
      long step = overrides.closeGripperFromStep().getAsLong();
      if (step < 0 || step >= config.horizon()) {
        errors.add(
            field
                + ".close_gripper_from_step must be in [0, horizon_steps - 1 = "
                + (config.horizon() - 1)
                + "], got "
                + step);
      } else {
        hooks = hooks.withCloseGripperFromStep((int) step);
      }
    }
    if (errors.size() == before) {
      // A backstop: the checks above should have caught whatever the planner would refuse.
      hooks.problems(config).forEach(p -> errors.add(field + ": " + p));
    }
    return errors.size() == before ? hooks : base;
  }

  /**
   * Returns one hooks per goal: {@code taskWide} with each entry applied, or an empty list when
   * there are no entries.
   */
  static List<SamplingHooks> perGoal(
      SamplingHooks taskWide,
      List<SamplingOverrides> entries,
      int goals,
      CemConfig config,
      String field,
      List<String> errors) {
    if (entries.isEmpty()) {
      return List.of();
    }
    if (entries.size() != goals) {
      errors.add(
          field
              + " has "
              + entries.size()
              + " entries for "
              + goals
              + " goal(s); give none or one per goal");
      return List.of();
    }
    List<SamplingHooks> hooks = new ArrayList<>();
    for (int i = 0; i < goals; i++) {
      hooks.add(apply(taskWide, entries.get(i), config, field + "[" + i + "]", errors));
    }
    return List.copyOf(hooks);
  }

  private static AxisPins pins(
      AxisPins base,
      SamplingOverrides overrides,
      CemConfig config,
      String field,
      List<String> errors) {
    OptionalDouble[] values = {
      overrides.pinDxM(), overrides.pinDyM(), overrides.pinDzM(), overrides.pinDGripper()
    };
    AxisPins pins = base;
    double l1M = 0;
    boolean xyzChanged = false;
    for (int c = 0; c < 4; c++) {
      OptionalDouble pin = values[c].isPresent() ? values[c] : base.component(c);
      if (pin.isEmpty()) {
        continue;
      }
      double value = pin.getAsDouble();
      double bound = c < 3 ? config.maxNormM() : config.gripperLimit();
      if (values[c].isPresent() && !(Math.abs(value) <= bound)) {
        errors.add(
            field
                + "."
                + PIN_FIELDS[c]
                + " must be finite and in ["
                + -bound
                + ", "
                + bound
                + "]"
                + (c < 3 ? " m (max_norm_m)" : "")
                + ", got "
                + value);
        continue;
      }
      if (c < 3) {
        l1M += Math.abs(value);
        xyzChanged |= values[c].isPresent();
      }
      pins = with(pins, c, value);
    }
    if (xyzChanged && config.l1BallEnabled() && l1M > config.l1BallRadiusM()) {
      errors.add(
          field
              + ": the pinned |pin_dx_m| + |pin_dy_m| + |pin_dz_m| must be within"
              + " l1_ball_radius_m ("
              + config.l1BallRadiusM()
              + " m) while the L1 ball is enabled, got "
              + l1M);
    }
    return pins;
  }

  private static AxisPins with(AxisPins pins, int component, double value) {
    return switch (component) {
      case 0 -> pins.withDxM(value);
      case 1 -> pins.withDyM(value);
      case 2 -> pins.withDzM(value);
      default -> pins.withDGripper(value);
    };
  }
}
