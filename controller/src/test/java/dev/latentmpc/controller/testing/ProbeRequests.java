package dev.latentmpc.controller.testing;

import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.EnergyLandscapeRequest;
import dev.latentmpc.proto.control.v1.GoalRef;
import dev.latentmpc.proto.control.v1.GridSpec;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.PlanOnceRequest;

/** Valid diagnostics requests (PlanOnce, EnergyLandscape) that service tests start from. */
public final class ProbeRequests {
  /** A state inside the default envelope: 0.5 m forward, 0.3 m up, the gripper pointing down. */
  public static final EndEffectorState STATE =
      EndEffectorState.newBuilder().setXM(0.5).setZM(0.3).setRollRad(Math.PI).build();

  private ProbeRequests() {}

  /** PlanOnce of {@code frame} at {@link #STATE} towards the stored goal {@code goalId}, seed 3. */
  public static PlanOnceRequest.Builder planOnce(Image frame, String goalId) {
    return PlanOnceRequest.newBuilder()
        .setFrame(frame)
        .setState(STATE)
        .setGoal(GoalRef.newBuilder().setGoalId(goalId))
        .setSeed(3);
  }

  /** EnergyLandscape of {@code frame} at {@link #STATE} towards {@code goalId} on {@link #grid}. */
  public static EnergyLandscapeRequest.Builder landscape(Image frame, String goalId) {
    return EnergyLandscapeRequest.newBuilder()
        .setFrame(frame)
        .setState(STATE)
        .setGoal(GoalRef.newBuilder().setGoalId(goalId))
        .setGrid(grid());
  }

  /** The smallest useful grid: 2 × 2 cells over ±5 cm in x and y (four energies). */
  public static GridSpec grid() {
    return GridSpec.newBuilder()
        .setMinDxM(-0.05)
        .setMaxDxM(0.05)
        .setStepsX(2)
        .setMinDyM(-0.05)
        .setMaxDyM(0.05)
        .setStepsY(2)
        .build();
  }
}
