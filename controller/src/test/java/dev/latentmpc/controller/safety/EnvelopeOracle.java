package dev.latentmpc.controller.safety;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent statement of the envelope, written from its specification rather than from {@link
 * SafetyEnvelope}: lists every limit a command sent from a state breaks, in double arithmetic as
 * the arm adds it, with no slack.
 */
final class EnvelopeOracle {

  private EnvelopeOracle() {}

  static List<String> violations(EnvelopeConfig c, ArmState s, Delta d) {
    List<String> out = new ArrayList<>();
    double[] v = {
      d.dxM(), d.dyM(), d.dzM(), d.dRollRad(), d.dPitchRad(), d.dYawRad(), d.dGripper()
    };
    for (double value : v) {
      if (!Double.isFinite(value)) {
        out.add("non-finite " + d);
        return out;
      }
    }
    check(out, Math.abs(v[0]) <= c.maxStepAxisM(), "|dx| > axis bound");
    check(out, Math.abs(v[1]) <= c.maxStepAxisM(), "|dy| > axis bound");
    check(out, Math.abs(v[2]) <= c.maxStepAxisM(), "|dz| > axis bound");
    check(out, Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]) <= c.maxStepL1M(), "L1 > radius");
    for (int i = 3; i < 6; i++) {
      check(out, Math.abs(v[i]) <= c.maxStepRotationRad(), "rotation " + i + " > bound");
    }
    check(out, Math.abs(v[6]) <= c.maxStepGripper(), "|dGripper| > bound");
    within(out, "x", s.xM() + v[0], c.minXM(), c.maxXM());
    within(out, "y", s.yM() + v[1], c.minYM(), c.maxYM());
    within(out, "z", s.zM() + v[2], c.minZM(), c.maxZM());
    within(out, "gripper", s.gripperClosedness() + v[6], 0, 1);
    return out;
  }

  private static void within(List<String> out, String name, double value, double lo, double hi) {
    check(
        out, value >= lo && value <= hi, name + " result " + value + " outside " + lo + ".." + hi);
  }

  private static void check(List<String> out, boolean ok, String message) {
    if (!ok) {
      out.add(message);
    }
  }
}
