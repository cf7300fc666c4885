package dev.latentmpc.controller.safety;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded generators of envelope configurations, arm states and actions, nasty ones included. */
final class RandomCases {

  private static final float[] SPECIAL_FLOATS = {
    Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.MAX_VALUE,
    -Float.MAX_VALUE,
    Float.MIN_VALUE,
    -0.0f,
    0.0f,
    1e30f,
    -1e30f
  };

  private RandomCases() {}

  /**
   * A state and whether the envelope may command from it (finite, within tolerance of the box and
   * of the gripper range).
   */
  record State(ArmState state, boolean commandable) {}

  /**
   * An action as floats (planner path) or as a delta (operator path), and whether it is well formed
   * (7 finite values).
   */
  record Action(float[] values, Delta delta, boolean wellFormed) {
    Delta requested() {
      return delta != null ? delta : Delta.of(values);
    }

    @Override
    public String toString() {
      return delta != null ? delta.toString() : "action" + Arrays.toString(values);
    }
  }

  static EnvelopeConfig config(SplittableRandom random) {
    if (random.nextInt(4) == 0) {
      return EnvelopeConfig.defaults();
    }
    double axis = logUniform(random, 1e-3, 0.3);
    double l1 = logUniform(random, 1e-3, 0.5);
    double gripperStep = random.nextDouble(0.01, 1.0);
    double[] x = lowerAndUpper(random);
    double tolerance =
        random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.99 * Math.min(axis, l1 / 3);
    return EnvelopeConfig.builder()
        .maxStepAxisM(axis)
        .maxStepL1M(l1)
        .maxStepRotationRad(random.nextBoolean() ? 0 : random.nextDouble(0, 0.5))
        .maxStepGripper(gripperStep)
        .workspaceX(x[0], x[1])
        .workspaceY(-random.nextDouble(0.01, 1), random.nextDouble(0.01, 1))
        .workspaceZ(random.nextDouble(-0.1, 0.2), random.nextDouble(0.3, 1.2))
        .stateToleranceM(tolerance)
        .gripperStateTolerance(random.nextDouble() * 0.99 * gripperStep)
        .build();
  }

  private static double[] lowerAndUpper(SplittableRandom random) {
    double lo = random.nextDouble(-1, 1);
    return new double[] {lo, lo + logUniform(random, 1e-3, 1.5)};
  }

  /**
   * Returns a state: 60 % inside the box, 15 % on its faces or just outside within the tolerance,
   * 20 % beyond the tolerance or huge, 5 % with a non-finite component.
   */
  static State state(SplittableRandom random, EnvelopeConfig c) {
    double[] min = {c.minXM(), c.minYM(), c.minZM()};
    double[] max = {c.maxXM(), c.maxYM(), c.maxZM()};
    int kind = random.nextInt(100);
    double[] position = new double[3];
    for (int axis = 0; axis < 3; axis++) {
      position[axis] = random.nextDouble(min[axis], max[axis]);
    }
    double gripper = random.nextDouble();
    if (kind >= 60 && kind < 75) {
      int axis = random.nextInt(4);
      double edge = random.nextInt(3) == 0 ? 0 : random.nextDouble();
      if (axis == 3) {
        double tol = c.gripperStateTolerance();
        gripper = random.nextBoolean() ? -edge * tol : 1 + edge * tol;
      } else {
        double tol = c.stateToleranceM();
        position[axis] = random.nextBoolean() ? min[axis] - edge * tol : max[axis] + edge * tol;
      }
    } else if (kind >= 75 && kind < 95) {
      farOutside(random, c, min, max, position);
    }
    double[] rotation = {
      random.nextDouble(-4, 4), random.nextDouble(-2, 2), random.nextDouble(-4, 4)
    };
    if (kind >= 95) {
      double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      double bad = special[random.nextInt(3)];
      int which = random.nextInt(7);
      if (which < 3) {
        position[which] = bad;
      } else if (which < 6) {
        rotation[which - 3] = bad;
      } else {
        gripper = bad;
      }
    }
    if (kind >= 75 && kind < 95 && random.nextInt(4) == 0) {
      gripper = random.nextBoolean() ? -c.gripperStateTolerance() * 1.001 - random.nextDouble() : 2;
    }
    ArmState state =
        new ArmState(
            position[0],
            position[1],
            position[2],
            rotation[0],
            rotation[1],
            rotation[2],
            gripper,
            random.nextLong());
    return new State(state, commandable(c, min, max, position, rotation, gripper));
  }

  private static void farOutside(
      SplittableRandom random, EnvelopeConfig c, double[] min, double[] max, double[] position) {
    int axis = random.nextInt(3);
    double beyond = c.stateToleranceM() * 1.001 + 1e-9 + random.nextDouble() * 0.5;
    position[axis] =
        switch (random.nextInt(4)) {
          case 0 -> min[axis] - beyond;
          case 1 -> max[axis] + beyond;
          case 2 -> 1e300;
          default -> -Double.MAX_VALUE;
        };
  }

  /** The specification of a state commands may start from, independent of the envelope. */
  private static boolean commandable(
      EnvelopeConfig c, double[] min, double[] max, double[] p, double[] r, double g) {
    double tol = c.stateToleranceM();
    boolean ok = Double.isFinite(g) && g >= -c.gripperStateTolerance();
    ok &= g <= 1 + c.gripperStateTolerance();
    for (int axis = 0; axis < 3; axis++) {
      ok &= Double.isFinite(p[axis]) && Double.isFinite(r[axis]);
      ok &= p[axis] >= min[axis] - tol && p[axis] <= max[axis] + tol;
    }
    return ok;
  }

  static Action action(SplittableRandom random) {
    int kind = random.nextInt(100);
    if (kind == 0) {
      return new Action(null, null, false);
    }
    if (kind == 1) {
      return new Action(
          new float[random.nextInt(0, 14) == 7 ? 6 : random.nextInt(0, 7)], null, false);
    }
    float[] values = kind < 50 ? plannerLike(random) : new float[7];
    boolean finite = true;
    for (int i = 0; i < 7; i++) {
      values[i] = kind < 50 ? values[i] : component(random);
      finite &= Float.isFinite(values[i]);
    }
    if (kind < 20) {
      double[] d = new double[7];
      for (int i = 0; i < 7; i++) {
        d[i] =
            random.nextInt(30) == 0
                ? Double.MAX_VALUE * (random.nextBoolean() ? 1 : -1)
                : values[i];
      }
      Delta delta = new Delta(d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
      return new Action(null, delta, delta.isFinite());
    }
    return new Action(values, null, finite);
  }

  /** An action like the planner's: small xyz, no rotation, a gripper delta. */
  private static float[] plannerLike(SplittableRandom random) {
    float[] values = new float[7];
    for (int i = 0; i < 3; i++) {
      values[i] = (float) (random.nextGaussian() * 0.01);
    }
    values[6] = random.nextInt(3) == 0 ? 0f : (float) (random.nextGaussian() * 0.1);
    return values;
  }

  private static float component(SplittableRandom random) {
    int kind = random.nextInt(100);
    if (kind < 2) {
      return SPECIAL_FLOATS[random.nextInt(SPECIAL_FLOATS.length)];
    }
    if (kind < 30) {
      return 0f;
    }
    double[] scales = {1e-4, 0.01, 0.05, 0.1, 1, 1e6};
    return (float) (random.nextGaussian() * scales[random.nextInt(scales.length)]);
  }

  private static double logUniform(SplittableRandom random, double lo, double hi) {
    return Math.exp(random.nextDouble(Math.log(lo), Math.log(hi)));
  }
}
