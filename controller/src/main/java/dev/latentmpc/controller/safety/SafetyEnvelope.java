package dev.latentmpc.controller.safety;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Bounds every command sent to the arm: the single place where the per-step delta bounds, the
 * workspace box, the gripper range and the finite-number rule are enforced.
 *
 * <p>{@link #apply} takes the current state and a requested 7-D action (Δx, Δy, Δz [m], Δroll,
 * Δpitch, Δyaw [rad], Δgripper) and returns the command to send:
 *
 * <ol>
 *   <li><b>Reject</b> (hold, nothing moves) when the action is malformed or not finite, when the
 *       state is not finite, or when the state lies outside the box (or the gripper outside [0, 1])
 *       by more than the configured tolerance: the envelope cannot tell what a move from there
 *       would do.
 *   <li><b>Step bound</b>: each xyz component is clipped to ±{@code maxStepAxisM}, then xyz is
 *       projected onto the L1 ball of radius {@code maxStepL1M} (the Euclidean projection, i.e. the
 *       nearest allowed delta, as the planner's own L1 constraint does); rotations are clipped to
 *       ±{@code maxStepRotationRad} (0 by default); the gripper delta to ±{@code maxStepGripper}.
 *   <li><b>Workspace</b>: an axis whose resulting position would leave the box is shortened to end
 *       on the box face; the gripper delta is shortened so the result stays in [0, 1]. When the
 *       state starts slightly outside the box, this can lengthen the step; if the result then
 *       exceeds a step bound, the command becomes the shortest move back into the box, which the
 *       configured tolerance guarantees fits one step.
 * </ol>
 *
 * <p>All arithmetic is in double. A shortened component is nudged by ulps so that {@code state +
 * command}, added in double as the arm does, lands inside the box exactly; a component inside its
 * limits is passed bit for bit. The envelope is immutable, stateless and thread-safe.
 */
public final class SafetyEnvelope {

  private static final String[] COMPONENTS = {
    "dx", "dy", "dz", "dRoll", "dPitch", "dYaw", "dGripper"
  };
  private static final String[] STATE_NAMES = {"x", "y", "z", "roll", "pitch", "yaw", "gripper"};
  private static final EnvelopeLimit[] WORKSPACE = {
    EnvelopeLimit.WORKSPACE_X, EnvelopeLimit.WORKSPACE_Y, EnvelopeLimit.WORKSPACE_Z
  };

  private final EnvelopeConfig config;
  private final double[] minM;
  private final double[] maxM;

  /** Creates an envelope with the given limits. */
  public SafetyEnvelope(EnvelopeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    minM = new double[] {config.minXM(), config.minYM(), config.minZM()};
    maxM = new double[] {config.maxXM(), config.maxYM(), config.maxZM()};
  }

  /** Returns the limits this envelope enforces. */
  public EnvelopeConfig config() {
    return config;
  }

  /**
   * Bounds a planner action.
   *
   * @param current the arm state the command starts from
   * @param action 7 values; null or another length is rejected, never thrown
   * @return the command to send and what was done to it
   */
  public EnvelopeDecision apply(ArmState current, float[] action) {
    Objects.requireNonNull(current, "current");
    if (action == null || action.length != COMPONENTS.length) {
      return EnvelopeDecision.rejected(
          RejectionReason.MALFORMED_ACTION,
          "an action needs 7 values, got " + (action == null ? "null" : action.length));
    }
    double[] requested = new double[action.length];
    for (int i = 0; i < action.length; i++) {
      requested[i] = action[i];
    }
    return decide(current, requested);
  }

  /** Bounds a requested delta (an operator jog, say); see {@link #apply(ArmState, float[])}. */
  public EnvelopeDecision apply(ArmState current, Delta requested) {
    Objects.requireNonNull(current, "current");
    if (requested == null) {
      return EnvelopeDecision.rejected(RejectionReason.MALFORMED_ACTION, "the delta is null");
    }
    return decide(current, Vectors.of(requested));
  }

  /**
   * Returns the rejection for a state no command may start from (not finite, or outside the box or
   * the gripper range by more than the tolerance); empty when commands may be bounded from it.
   */
  public Optional<EnvelopeDecision> checkState(ArmState current) {
    Objects.requireNonNull(current, "current");
    double[] state = Vectors.of(current);
    int bad = Vectors.firstNonFinite(state);
    if (bad >= 0) {
      return Optional.of(
          EnvelopeDecision.rejected(
              RejectionReason.NON_FINITE_STATE,
              "arm state " + STATE_NAMES[bad] + " is " + state[bad] + "; holding"));
    }
    double tolM = config.stateToleranceM();
    for (int axis = 0; axis < 3; axis++) {
      if (state[axis] < minM[axis] - tolM || state[axis] > maxM[axis] + tolM) {
        return Optional.of(outsideBox(axis, state[axis], tolM));
      }
    }
    double gripper = current.gripperClosedness();
    double gripperTol = config.gripperStateTolerance();
    if (gripper < -gripperTol || gripper > 1 + gripperTol) {
      return Optional.of(
          EnvelopeDecision.rejected(
              RejectionReason.GRIPPER_STATE_OUT_OF_RANGE,
              "arm gripper closedness "
                  + gripper
                  + " is outside [0, 1] by more than "
                  + gripperTol));
    }
    return Optional.empty();
  }

  /**
   * Returns whether {@code command}, sent from {@code current}, lies inside every limit as it is:
   * finite, within the step bounds, ending inside the box and the gripper range, from a state
   * commands may start from. Every non-rejected command of {@link #apply} satisfies it.
   */
  public boolean admits(ArmState current, Delta command) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(command, "command");
    double[] d = Vectors.of(command);
    if (checkState(current).isPresent() || Vectors.firstNonFinite(d) >= 0) {
      return false;
    }
    double[] position = {current.xM(), current.yM(), current.zM()};
    for (int axis = 0; axis < 3; axis++) {
      double reached = position[axis] + d[axis];
      if (Math.abs(d[axis]) > config.maxStepAxisM()
          || reached < minM[axis]
          || reached > maxM[axis]) {
        return false;
      }
      if (Math.abs(d[3 + axis]) > config.maxStepRotationRad()) {
        return false;
      }
    }
    double gripper = current.gripperClosedness() + d[6];
    return Vectors.l1(d) <= config.maxStepL1M()
        && Math.abs(d[6]) <= config.maxStepGripper()
        && gripper >= 0
        && gripper <= 1;
  }

  private EnvelopeDecision decide(ArmState current, double[] requested) {
    Optional<EnvelopeDecision> stateRejection = checkState(current);
    if (stateRejection.isPresent()) {
      return stateRejection.get();
    }
    int bad = Vectors.firstNonFinite(requested);
    if (bad >= 0) {
      return EnvelopeDecision.rejected(
          RejectionReason.NON_FINITE_ACTION,
          "action " + COMPONENTS[bad] + " is " + requested[bad] + "; holding");
    }
    EnumSet<EnvelopeLimit> limits = EnumSet.noneOf(EnvelopeLimit.class);
    double[] position = {current.xM(), current.yM(), current.zM()};
    double[] xyz = StepBounds.boundXyz(requested, config, limits);
    xyz = boundWorkspace(position, xyz, limits);
    double[] rotation = StepBounds.boundRotation(requested, config, limits);
    double gripper = boundGripper(current.gripperClosedness(), requested[6], limits);
    Delta command =
        new Delta(xyz[0], xyz[1], xyz[2], rotation[0], rotation[1], rotation[2], gripper);
    return limits.isEmpty()
        ? EnvelopeDecision.passed(command)
        : EnvelopeDecision.clamped(command, limits);
  }

  private double[] boundWorkspace(double[] position, double[] xyz, EnumSet<EnvelopeLimit> limits) {
    double[] out = xyz.clone();
    for (int axis = 0; axis < 3; axis++) {
      double reached = position[axis] + xyz[axis];
      if (reached > maxM[axis]) {
        out[axis] = Vectors.stepAtMost(position[axis], maxM[axis]);
        limits.add(WORKSPACE[axis]);
      } else if (reached < minM[axis]) {
        out[axis] = Vectors.stepAtLeast(position[axis], minM[axis]);
        limits.add(WORKSPACE[axis]);
      }
    }
    if (StepBounds.exceeds(out, config, limits)) {
      // Only reachable when the state starts outside the box: go straight back in.
      for (int axis = 0; axis < 3; axis++) {
        out[axis] = backInside(position[axis], axis);
      }
    }
    return out;
  }

  private double backInside(double positionM, int axis) {
    if (positionM > maxM[axis]) {
      return Vectors.stepAtMost(positionM, maxM[axis]);
    }
    return positionM < minM[axis] ? Vectors.stepAtLeast(positionM, minM[axis]) : 0;
  }

  private double boundGripper(double gripper, double requested, EnumSet<EnvelopeLimit> limits) {
    double delta = requested;
    if (Math.abs(delta) > config.maxStepGripper()) {
      delta = Math.copySign(config.maxStepGripper(), delta);
      limits.add(EnvelopeLimit.STEP_GRIPPER);
    }
    if (gripper + delta > 1) {
      delta = Vectors.stepAtMost(gripper, 1);
      limits.add(EnvelopeLimit.GRIPPER_RANGE);
    } else if (gripper + delta < 0) {
      delta = Vectors.stepAtLeast(gripper, 0);
      limits.add(EnvelopeLimit.GRIPPER_RANGE);
    }
    return delta;
  }

  private EnvelopeDecision outsideBox(int axis, double positionM, double tolM) {
    return EnvelopeDecision.rejected(
        RejectionReason.STATE_OUTSIDE_WORKSPACE,
        String.format(
            "arm %s = %.4f m is outside the workspace %.3f..%.3f m by more than %.3f m; holding",
            STATE_NAMES[axis], positionM, minM[axis], maxM[axis], tolM));
  }
}
