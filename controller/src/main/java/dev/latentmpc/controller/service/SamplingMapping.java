package dev.latentmpc.controller.service;

import dev.latentmpc.controller.task.SamplingOverrides;
import dev.latentmpc.planner.AxisPins;
import dev.latentmpc.planner.SamplingHooks;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Maps the API's {@code SamplingHooks} to the task runtime's overrides and the planner's resolved
 * hooks back to the API; the values' limits are checked by the task runtime.
 */
final class SamplingMapping {

  private SamplingMapping() {}

  /** Maps a request's hooks; an unset field stays empty. */
  static SamplingOverrides overrides(dev.latentmpc.proto.control.v1.SamplingHooks p) {
    return new SamplingOverrides(
        p.hasInitialStdGripper()
            ? OptionalDouble.of(p.getInitialStdGripper())
            : OptionalDouble.empty(),
        p.hasPinDxM() ? OptionalDouble.of(p.getPinDxM()) : OptionalDouble.empty(),
        p.hasPinDyM() ? OptionalDouble.of(p.getPinDyM()) : OptionalDouble.empty(),
        p.hasPinDzM() ? OptionalDouble.of(p.getPinDzM()) : OptionalDouble.empty(),
        p.hasPinDgripper() ? OptionalDouble.of(p.getPinDgripper()) : OptionalDouble.empty(),
        p.hasCloseGripperFromStep()
            ? OptionalLong.of(Integer.toUnsignedLong(p.getCloseGripperFromStep()))
            : OptionalLong.empty());
  }

  /** Maps resolved hooks: the spread always, pins and the closing step where set. */
  static dev.latentmpc.proto.control.v1.SamplingHooks hooks(SamplingHooks hooks) {
    var b =
        dev.latentmpc.proto.control.v1.SamplingHooks.newBuilder()
            .setInitialStdGripper(hooks.initialStdGripper());
    AxisPins pins = hooks.pins();
    pins.dxM().ifPresent(b::setPinDxM);
    pins.dyM().ifPresent(b::setPinDyM);
    pins.dzM().ifPresent(b::setPinDzM);
    pins.dGripper().ifPresent(b::setPinDgripper);
    hooks.closeGripperFromStep().ifPresent(b::setCloseGripperFromStep);
    return b.build();
  }
}
