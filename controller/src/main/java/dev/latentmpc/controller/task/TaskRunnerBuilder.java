package dev.latentmpc.controller.task;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.loop.ControllerConfig;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * What a {@link TaskRunner} is built from. Required: robot id, arm, camera, world model,
 * preprocessor, envelope, controller config, planner defaults, clock and loop executor; the
 * observer defaults to none and the ground truth to {@link GroundTruth#NONE}.
 */
public final class TaskRunnerBuilder {
  // Package-private: TaskRunner's constructor reads (and checks) them.
  String robotId;
  ArmIO arm;
  CameraIO camera;
  WorldModel worldModel;
  FramePreprocessor preprocessor;
  SafetyEnvelope envelope;
  ControllerConfig controllerConfig;
  CemConfig plannerDefaults;
  LongSupplier clockNanos;
  Executor loopExecutor;
  TaskListener observer = ObservedTaskListener.NONE;
  GroundTruth groundTruth = GroundTruth.NONE;

  TaskRunnerBuilder() {}

  /** The robot's name in the API. */
  public TaskRunnerBuilder robotId(String robotId) {
    this.robotId = robotId;
    return this;
  }

  /** The arm; its {@code stop()} must be callable while a move blocks on another thread. */
  public TaskRunnerBuilder arm(ArmIO arm) {
    this.arm = arm;
    return this;
  }

  /** The camera observing the scene. */
  public TaskRunnerBuilder camera(CameraIO camera) {
    this.camera = camera;
    return this;
  }

  /** Encodes frames and goals and scores plans (shared, thread-safe). */
  public TaskRunnerBuilder worldModel(WorldModel worldModel) {
    this.worldModel = worldModel;
    return this;
  }

  /** Turns frames and goal images into encoder clips. */
  public TaskRunnerBuilder preprocessor(FramePreprocessor preprocessor) {
    this.preprocessor = preprocessor;
    return this;
  }

  /** Bounds every command. */
  public TaskRunnerBuilder envelope(SafetyEnvelope envelope) {
    this.envelope = envelope;
    return this;
  }

  /** Loop settings (frame age, move timeout, planning budget, holds). */
  public TaskRunnerBuilder controllerConfig(ControllerConfig controllerConfig) {
    this.controllerConfig = controllerConfig;
    return this;
  }

  /**
   * Planner settings a task gets without overrides, e.g. {@link PlannerLimits#serviceDefaults()};
   * its horizon must be exported by the bundle.
   */
  public TaskRunnerBuilder plannerDefaults(CemConfig plannerDefaults) {
    this.plannerDefaults = plannerDefaults;
    return this;
  }

  /** Monotonic clock, the one the camera stamps frames with. */
  public TaskRunnerBuilder clockNanos(LongSupplier clockNanos) {
    this.clockNanos = clockNanos;
    return this;
  }

  /** Runs each task's loop; must not run it on the caller's thread. */
  public TaskRunnerBuilder loopExecutor(Executor loopExecutor) {
    this.loopExecutor = loopExecutor;
    return this;
  }

  /**
   * Sees every task's events before the task's own listener (so a client that has its outcome finds
   * it counted): how metrics see the loop ({@code ControllerMetrics}). What it throws is logged and
   * ignored.
   */
  public TaskRunnerBuilder observer(TaskListener observer) {
    this.observer = observer;
    return this;
  }

  /**
   * The success check of tasks that name no reach target: the simulator's scene; {@link
   * GroundTruth#NONE} on a real robot.
   */
  public TaskRunnerBuilder groundTruth(GroundTruth groundTruth) {
    this.groundTruth = groundTruth;
    return this;
  }

  /**
   * Returns the idle runner.
   *
   * @throws NullPointerException naming a required part that was not set
   * @throws IllegalArgumentException if the bundle does not export the default horizon
   */
  public TaskRunner build() {
    return new TaskRunner(this);
  }
}
