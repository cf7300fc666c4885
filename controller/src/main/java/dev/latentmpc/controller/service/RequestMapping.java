package dev.latentmpc.controller.service;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.loop.SubgoalSchedule;
import dev.latentmpc.controller.service.goal.GoalStore;
import dev.latentmpc.controller.service.image.ImageDecoder;
import dev.latentmpc.controller.service.probe.GridSpec;
import dev.latentmpc.controller.task.PlannerOverrides;
import dev.latentmpc.controller.task.ReachTarget;
import dev.latentmpc.controller.task.TaskKind;
import dev.latentmpc.controller.task.TaskRequest;
import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.GoalRef;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.RawRgbImage;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Maps operator requests (protobuf) to domain values, checking what only the wire form can get
 * wrong: missing messages, unset enums and oneofs, non-finite numbers, unsigned values. Errors are
 * {@code INVALID_ARGUMENT} naming the field.
 */
final class RequestMapping {

  /** Largest step count per goal in a schedule. */
  static final long MAX_STEPS_PER_GOAL = 1000;

  private RequestMapping() {}

  /** Decodes an image field. */
  static RgbImage image(Image image, String field) {
    switch (image.getPixelsCase()) {
      case ENCODED -> {
        ImageDecoder.checkEncodedSize(image.getEncoded().size(), field + ".encoded");
        return ImageDecoder.decode(image.getEncoded().toByteArray(), field + ".encoded");
      }
      case RAW -> {
        RawRgbImage raw = image.getRaw();
        return ImageDecoder.fromRaw(
            Integer.toUnsignedLong(raw.getWidthPx()),
            Integer.toUnsignedLong(raw.getHeightPx()),
            raw.getRgb().toByteArray(),
            field + ".raw");
      }
      default -> throw invalid(field + " has no pixels: set encoded (PNG/JPEG) or raw");
    }
  }

  /** Returns the goal image a {@link GoalRef} points to. */
  static RgbImage goal(boolean present, GoalRef goal, GoalStore store, String field) {
    if (!present) {
      throw invalid(field + " is required");
    }
    return switch (goal.getGoalCase()) {
      case GOAL_ID -> store.get(goal.getGoalId(), field + ".goal_id");
      case IMAGE -> image(goal.getImage(), field + ".image");
      default -> throw invalid(field + " is empty: set goal_id or image");
    };
  }

  /** Maps a state, requiring every value finite, also as the float32 the model takes. */
  static ArmState state(boolean present, EndEffectorState s, String field) {
    if (!present) {
      throw invalid(field + " is required");
    }
    double[] values = {
      s.getXM(),
      s.getYM(),
      s.getZM(),
      s.getRollRad(),
      s.getPitchRad(),
      s.getYawRad(),
      s.getGripperClosedness()
    };
    String[] names = {
      "x_m", "y_m", "z_m", "roll_rad", "pitch_rad", "yaw_rad", "gripper_closedness"
    };
    for (int i = 0; i < values.length; i++) {
      // The model takes the state as float32: a finite double beyond its range would reach it as
      // an infinity.
      if (!Float.isFinite((float) values[i])) {
        throw invalid(
            field
                + "."
                + names[i]
                + " must be finite and within float range (±3.4e38), got "
                + values[i]);
      }
    }
    return new ArmState(
        values[0], values[1], values[2], values[3], values[4], values[5], values[6], 0);
  }

  /** Maps planner overrides; their limits are checked by {@code PlannerLimits}. */
  static PlannerOverrides overrides(dev.latentmpc.proto.control.v1.PlannerOverrides p) {
    return new PlannerOverrides(
        p.hasSamples()
            ? OptionalLong.of(Integer.toUnsignedLong(p.getSamples()))
            : OptionalLong.empty(),
        p.hasIterations()
            ? OptionalLong.of(Integer.toUnsignedLong(p.getIterations()))
            : OptionalLong.empty(),
        p.hasTopK() ? OptionalLong.of(Integer.toUnsignedLong(p.getTopK())) : OptionalLong.empty(),
        p.hasHorizonSteps()
            ? OptionalLong.of(Integer.toUnsignedLong(p.getHorizonSteps()))
            : OptionalLong.empty(),
        p.hasMaxNormM() ? OptionalDouble.of(p.getMaxNormM()) : OptionalDouble.empty(),
        p.hasL1BallEnabled() ? Optional.of(p.getL1BallEnabled()) : Optional.empty(),
        p.hasL1BallRadiusM() ? OptionalDouble.of(p.getL1BallRadiusM()) : OptionalDouble.empty(),
        SamplingMapping.overrides(p.getSampling()),
        p.getSubgoalSamplingList().stream().map(SamplingMapping::overrides).toList());
  }

  /** Maps a StartTask request whose goal ids have been looked up. */
  static TaskRequest task(StartTaskRequest request, List<RgbImage> goalImages) {
    return new TaskRequest(
        request.getTaskId(),
        kind(request.getKind()),
        goalImages,
        schedule(request),
        overrides(request.getPlanner()),
        request.getPreempt(),
        request.hasSeed() ? OptionalLong.of(request.getSeed()) : OptionalLong.empty(),
        request.hasReachTarget() ? Optional.of(reachTarget(request)) : Optional.empty(),
        request.getThumbnailMaxSidePx());
  }

  private static TaskKind kind(dev.latentmpc.proto.control.v1.TaskKind kind) {
    return switch (kind) {
      case TASK_KIND_REACH -> TaskKind.REACH;
      case TASK_KIND_GRASP -> TaskKind.GRASP;
      case TASK_KIND_REACH_WITH_OBJECT -> TaskKind.REACH_WITH_OBJECT;
      case TASK_KIND_PICK_AND_PLACE -> TaskKind.PICK_AND_PLACE;
      default ->
          throw invalid("kind must be set (REACH, GRASP, REACH_WITH_OBJECT or PICK_AND_PLACE)");
    };
  }

  private static Optional<SubgoalSchedule> schedule(StartTaskRequest request) {
    return switch (request.getScheduleCase()) {
      case FIXED_STEPS ->
          Optional.of(
              SubgoalSchedule.fixedSteps(
                  steps(
                      request.getFixedSteps().getStepsPerGoalList(),
                      "fixed_steps.steps_per_goal")));
      case ENERGY_THRESHOLD -> {
        double threshold = request.getEnergyThreshold().getEnergyThreshold();
        if (!(Double.isFinite(threshold) && threshold > 0)) {
          throw invalid(
              "energy_threshold.energy_threshold must be finite and > 0, got " + threshold);
        }
        int[] steps =
            steps(
                request.getEnergyThreshold().getMaxStepsPerGoalList(),
                "energy_threshold.max_steps_per_goal");
        yield Optional.of(SubgoalSchedule.energyThreshold(threshold, steps));
      }
      default -> Optional.empty();
    };
  }

  private static int[] steps(List<Integer> values, String field) {
    if (values.isEmpty()) {
      throw invalid(field + " must hold one step count per goal");
    }
    int[] steps = new int[values.size()];
    for (int i = 0; i < steps.length; i++) {
      long value = Integer.toUnsignedLong(values.get(i));
      if (value < 1 || value > MAX_STEPS_PER_GOAL) {
        throw invalid(
            field + "[" + i + "] must be in [1, " + MAX_STEPS_PER_GOAL + "], got " + value);
      }
      steps[i] = (int) value;
    }
    return steps;
  }

  private static ReachTarget reachTarget(StartTaskRequest request) {
    var target = request.getReachTarget();
    try {
      return new ReachTarget(
          target.getXM(), target.getYM(), target.getZM(), target.getToleranceM());
    } catch (IllegalArgumentException e) {
      throw invalid("reach_target: " + e.getMessage());
    }
  }

  /** Maps a landscape grid; {@link GridSpec} checks the limits. */
  static GridSpec grid(boolean present, dev.latentmpc.proto.control.v1.GridSpec grid) {
    if (!present) {
      throw invalid("grid is required");
    }
    return new GridSpec(
        grid.getMinDxM(),
        grid.getMaxDxM(),
        Integer.toUnsignedLong(grid.getStepsX()),
        grid.getMinDyM(),
        grid.getMaxDyM(),
        Integer.toUnsignedLong(grid.getStepsY()));
  }

  static StatusRuntimeException invalid(String description) {
    return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
  }
}
