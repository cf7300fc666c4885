package dev.latentmpc.deploy.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.protobuf.ByteString;
import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.EnergyLandscapeRequest;
import dev.latentmpc.proto.control.v1.EnergyThresholdSchedule;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.GoalRef;
import dev.latentmpc.proto.control.v1.GridSpec;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.PlanOnceRequest;
import dev.latentmpc.proto.control.v1.PlannerOverrides;
import dev.latentmpc.proto.control.v1.RawRgbImage;
import dev.latentmpc.proto.control.v1.ReachTarget;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds operator requests from fuzz data. Numbers come from a mix of ranges: values the service
 * accepts (small plans, small grids, the known robot and goal), values just outside, and any value
 * at all (NaN, infinities, unsigned values above 2^31), so the fuzzer reaches both the refusals and
 * the code behind them while valid calls stay cheap.
 */
final class FuzzedOperatorRequests {
  private final FuzzedDataProvider data;
  private final String robotId;
  private final String goalId;
  private final byte[] validPng;

  FuzzedOperatorRequests(FuzzedDataProvider data, String robotId, String goalId, byte[] validPng) {
    this.data = data;
    this.robotId = robotId;
    this.goalId = goalId;
    this.validPng = validPng;
  }

  /** A robot id: empty (the only robot), the robot's own, or any text. */
  String robotId() {
    return switch (data.consumeInt(0, 2)) {
      case 0 -> "";
      case 1 -> robotId;
      default -> data.consumeString(80);
    };
  }

  /** Any text of up to {@code maxLength} characters. */
  String text(int maxLength) {
    return data.consumeString(maxLength);
  }

  /** An image: no pixels, the valid PNG, fuzzed encoded bytes, or raw pixels of any size. */
  Image image() {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> Image.getDefaultInstance();
      case 1 -> encoded(validPng);
      case 2 -> encoded(data.consumeBytes(4096));
      default -> {
        int width = sideOrAny();
        int height = sideOrAny();
        yield Image.newBuilder()
            .setRaw(
                RawRgbImage.newBuilder()
                    .setWidthPx(width)
                    .setHeightPx(height)
                    .setRgb(ByteString.copyFrom(data.consumeBytes(3 * 64 * 64))))
            .build();
      }
    };
  }

  /** A goal reference: none, the uploaded goal, any id, or an inline image. */
  GoalRef goal() {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> GoalRef.getDefaultInstance();
      case 1 -> GoalRef.newBuilder().setGoalId(goalId).build();
      case 2 -> GoalRef.newBuilder().setGoalId(data.consumeString(80)).build();
      default -> GoalRef.newBuilder().setImage(image()).build();
    };
  }

  /** An end-effector state near the robot's workspace, or of any numbers. */
  EndEffectorState state() {
    return EndEffectorState.newBuilder()
        .setXM(coordinate())
        .setYM(coordinate())
        .setZM(coordinate())
        .setRollRad(coordinate())
        .setPitchRad(coordinate())
        .setYawRad(coordinate())
        .setGripperClosedness(coordinate())
        .build();
  }

  /** Planner overrides, each absent, small or any value. */
  PlannerOverrides planner() {
    PlannerOverrides.Builder b = PlannerOverrides.newBuilder();
    maybe(() -> b.setSamples(countOrAny(64)));
    maybe(() -> b.setIterations(countOrAny(3)));
    maybe(() -> b.setTopK(countOrAny(16)));
    maybe(() -> b.setHorizonSteps(countOrAny(3)));
    maybe(() -> b.setMaxNormM(coordinate()));
    maybe(() -> b.setL1BallEnabled(data.consumeBoolean()));
    maybe(() -> b.setL1BallRadiusM(coordinate()));
    return b.build();
  }

  /** A StartTask request of any kind, goals, schedule and options. */
  StartTaskRequest startTask() {
    StartTaskRequest.Builder b =
        StartTaskRequest.newBuilder()
            .setRobotId(robotId())
            .setKindValue(data.consumeInt(-1, 6))
            .setTaskId(data.consumeString(80))
            .setPreempt(data.consumeBoolean())
            .setThumbnailMaxSidePx(countOrAny(512));
    int goals = data.consumeInt(0, 4);
    for (int i = 0; i < goals; i++) {
      b.addGoalIds(data.consumeBoolean() ? goalId : data.consumeString(80));
    }
    switch (data.consumeInt(0, 2)) {
      case 0 -> {}
      case 1 -> b.setFixedSteps(FixedStepsSchedule.newBuilder().addAllStepsPerGoal(steps()));
      default ->
          b.setEnergyThreshold(
              EnergyThresholdSchedule.newBuilder()
                  .setEnergyThreshold(coordinate())
                  .addAllMaxStepsPerGoal(steps()));
    }
    maybe(() -> b.setPlanner(planner()));
    maybe(() -> b.setSeed(data.consumeLong()));
    maybe(() ->
        b.setReachTarget(
            ReachTarget.newBuilder()
                .setXM(coordinate())
                .setYM(coordinate())
                .setZM(coordinate())
                .setToleranceM(coordinate())));
    return b.build();
  }

  /** A PlanOnce request. */
  PlanOnceRequest planOnce() {
    PlanOnceRequest.Builder b = PlanOnceRequest.newBuilder();
    maybe(() -> b.setFrame(image()));
    maybe(() -> b.setState(state()));
    maybe(() -> b.setGoal(goal()));
    maybe(() -> b.setPlanner(planner()));
    maybe(() -> b.setSeed(data.consumeLong()));
    return b.build();
  }

  /** An EnergyLandscape request. */
  EnergyLandscapeRequest energyLandscape() {
    EnergyLandscapeRequest.Builder b =
        EnergyLandscapeRequest.newBuilder().setHeatmapCellPx(countOrAny(32));
    maybe(() -> b.setFrame(image()));
    maybe(() -> b.setState(state()));
    maybe(() -> b.setGoal(goal()));
    maybe(() ->
        b.setGrid(
            GridSpec.newBuilder()
                .setMinDxM(coordinate())
                .setMaxDxM(coordinate())
                .setStepsX(countOrAny(4))
                .setMinDyM(coordinate())
                .setMaxDyM(coordinate())
                .setStepsY(countOrAny(4))));
    return b.build();
  }

  /**
   * Runs {@code set} if the next fuzzed boolean is true (read before anything {@code set} reads).
   */
  private void maybe(Runnable set) {
    if (data.consumeBoolean()) {
      set.run();
    }
  }

  private Image encoded(byte[] bytes) {
    return Image.newBuilder().setEncoded(ByteString.copyFrom(bytes)).build();
  }

  private List<Integer> steps() {
    int count = data.consumeInt(0, 4);
    List<Integer> steps = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      steps.add(countOrAny(2));
    }
    return steps;
  }

  /** 0 … {@code small}, or any 32-bit value (read as unsigned by the service). */
  private int countOrAny(int small) {
    return data.consumeBoolean() ? data.consumeInt(0, small) : data.consumeInt();
  }

  private int sideOrAny() {
    return data.consumeBoolean() ? data.consumeInt(0, 64) : data.consumeInt();
  }

  /** A number in [-1, 1] (metres and radians near the arm), or any double at all. */
  private double coordinate() {
    return data.consumeBoolean() ? data.consumeDouble() : data.consumeRegularDouble(-1, 1);
  }
}
