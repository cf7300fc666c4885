package dev.latentmpc.simharness.dataset;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.arm.MoveOutcome;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects an episode's frames, states, actions and clamped steps while it runs. A step is clamped
 * when the reached state differs from the commanded update: the workspace box or the table clamped
 * it, the path became unreachable, fingers stopped on an object's top, or a held object blocked the
 * fingers.
 */
final class TrajectoryRecorder {
  private static final double SAME_POSITION_M = 1e-7;
  private static final double SAME_GRIPPER = 1e-9;
  private final Renderer renderer;
  private final List<byte[]> frames = new ArrayList<>();
  private final List<double[]> states = new ArrayList<>();
  private final List<Delta> actions = new ArrayList<>();
  private final List<Integer> clampedSteps = new ArrayList<>();
  private final List<Double> motionSeconds = new ArrayList<>();
  private EeState last;

  TrajectoryRecorder(Renderer renderer) {
    this.renderer = renderer;
  }

  /** Records the frame and state of {@code world} now. */
  void observe(SimWorld world) {
    frames.add(renderer.render(world.shapes()).rgb());
    last = world.state();
    states.add(last.toVector());
  }

  /** Records an action, whether its motion was clamped, and the observation after it. */
  void step(Delta action, MoveOutcome outcome, SimWorld world) {
    EeState commanded = last.apply(action);
    EeState reached = world.state();
    boolean differs =
        reached.positionM().minus(commanded.positionM()).norm() > SAME_POSITION_M
            || Math.abs(reached.gripperClosedness() - commanded.gripperClosedness()) > SAME_GRIPPER;
    if (outcome.clampedByWorkspace()
        || outcome.clampedByTable()
        || outcome.stoppedEarly()
        || differs) {
      clampedSteps.add(actions.size());
    }
    actions.add(action);
    motionSeconds.add(outcome.durationSeconds());
    observe(world);
  }

  /** The recorded episode. */
  RecordedEpisode finish(EpisodePlan plan, boolean success, double finalDistanceM) {
    float[] s = new float[states.size() * 7];
    for (int t = 0; t < states.size(); t++) {
      double[] v = states.get(t);
      for (int k = 0; k < 7; k++) {
        s[7 * t + k] = (float) v[k];
      }
    }
    float[] a = new float[actions.size() * 7];
    for (int t = 0; t < actions.size(); t++) {
      Delta d = actions.get(t);
      double[] v = {
        d.dxM(), d.dyM(), d.dzM(), d.dRollRad(), d.dPitchRad(), d.dYawRad(), d.dGripper()
      };
      for (int k = 0; k < 7; k++) {
        a[7 * t + k] = (float) v[k];
      }
    }
    var camera = renderer.camera();
    return new RecordedEpisode(
        plan.index(),
        plan.task(),
        plan.seed(),
        plan.kind(),
        success,
        camera.widthPx(),
        camera.heightPx(),
        frames,
        s,
        a,
        clampedSteps,
        motionSeconds.stream().mapToDouble(Double::doubleValue).toArray(),
        finalDistanceM);
  }
}
