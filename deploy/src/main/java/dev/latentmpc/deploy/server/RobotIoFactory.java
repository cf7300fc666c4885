package dev.latentmpc.deploy.server;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.opencv.CameraIOOpenCv;
import dev.latentmpc.controller.bridge.ArmIOBridge;
import dev.latentmpc.controller.bridge.CameraIOBridge;
import dev.latentmpc.deploy.config.CameraBackend;
import dev.latentmpc.deploy.config.RobotSettings;
import dev.latentmpc.deploy.config.SimSettings;
import dev.latentmpc.deploy.config.TrainingCamera;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.EpisodeScene;
import dev.latentmpc.simharness.world.ArmIOSim;
import dev.latentmpc.simharness.world.MotionPacer;
import dev.latentmpc.simharness.world.SimWorld;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one place that chooses real or simulated IO: a robot bridge ({@link ArmIOBridge} and {@link
 * CameraIOBridge}, each over its own channel) or the simulated scene in this process ({@link
 * ArmIOSim} and {@link CameraIOSim} over one {@link SimWorld}, set up from a seeded {@link
 * Episode}). The camera follows the arm unless {@code camera.source} is {@code opencv}: then a
 * {@link CameraIOOpenCv} in this process observes the scene, whichever arm moves it. Everything
 * downstream takes the result through its constructor.
 */
public final class RobotIoFactory {
  private RobotIoFactory() {}

  /**
   * Opens the arm and camera the settings name. A bridge is not contacted here (its channels
   * connect on first use, with the configured TLS and token); the health monitor reports whether it
   * answers.
   *
   * @param robot the robot settings
   * @param clockNanos the monotonic clock frames and states are stamped on (the controller's)
   */
  public static RobotIo open(RobotSettings robot, LongSupplier clockNanos) {
    // An empty composite registry records nothing.
    return open(robot, clockNanos, new CompositeMeterRegistry());
  }

  /**
   * Opens the arm and camera the settings name, with their meters on {@code registry} (the bridge
   * clients time every call: {@code latentmpc.bridge.call}, {@code latentmpc.bridge.errors}).
   *
   * @param robot the robot settings
   * @param clockNanos the monotonic clock frames and states are stamped on (the controller's)
   * @param registry where the IO's meters live
   */
  public static RobotIo open(RobotSettings robot, LongSupplier clockNanos, MeterRegistry registry) {
    return switch (robot.source()) {
      case BRIDGE -> bridge(robot, clockNanos, registry);
      case SIM -> sim(robot, clockNanos, registry);
    };
  }

  private static RobotIo bridge(
      RobotSettings robot, LongSupplier clockNanos, MeterRegistry registry) {
    ArmIOBridge arm = ArmIOBridge.connect(robot.bridge(), clockNanos, registry);
    try {
      CameraIO camera =
          camera(
              robot,
              clockNanos,
              registry,
              () -> CameraIOBridge.connect(robot.bridge(), clockNanos, registry));
      String description =
          "bridge " + robot.bridge().address() + " (" + robot.bridge().security() + ")";
      return new RobotIo(arm, camera, description + cameraNote(robot));
    } catch (RuntimeException e) {
      arm.close();
      throw e;
    }
  }

  /**
   * The simulated scene of the settings' episode. With pacing, moves take the motion's real
   * duration and {@code stop()} cuts one short, as on the robot; without it they finish at once.
   * The scene comes with the IO: it is the service's ground truth of task success (tasks of the
   * episode's kind end as succeeded when the sim's success check holds).
   */
  private static RobotIo sim(RobotSettings robot, LongSupplier clockNanos, MeterRegistry registry) {
    SimSettings sim = robot.sim();
    EpisodeScene scene = EpisodeScene.start(Episode.create(sim.task(), sim.seed()));
    SimWorld world = scene.world();
    MotionPacer pacer = sim.pacing() ? MotionPacer.wallClock(clockNanos) : MotionPacer.instant();
    ArmIOSim arm = new ArmIOSim(world, clockNanos, pacer);
    CameraIO camera =
        camera(
            robot,
            clockNanos,
            registry,
            () ->
                new CameraIOSim(
                    world::shapes, new Renderer(sim.camera()), clockNanos, InstantSource.system()));
    String description =
        "in-process sim ("
            + sim.task().cliName()
            + ", seed "
            + sim.seed()
            + ", "
            + TrainingCamera.describe(sim.camera())
            + ")"
            + cameraNote(robot);
    return new RobotIo(arm, camera, description, Optional.of(scene));
  }

  /**
   * The OpenCV camera when {@code camera.source} is {@code opencv} (its capture thread starts now;
   * frames flow once the source opens), otherwise the arm's own camera from {@code armsCamera}.
   */
  private static CameraIO camera(
      RobotSettings robot,
      LongSupplier clockNanos,
      MeterRegistry registry,
      Supplier<CameraIO> armsCamera) {
    if (robot.camera().source() != CameraBackend.OPENCV) {
      return armsCamera.get();
    }
    return CameraIOOpenCv.builder(robot.camera().opencv())
        .nanoClock(clockNanos)
        .meterRegistry(registry)
        .start();
  }

  private static String cameraNote(RobotSettings robot) {
    return robot.camera().source() == CameraBackend.OPENCV
        ? ", OpenCV camera " + robot.camera().opencv().source().describe()
        : "";
  }
}
