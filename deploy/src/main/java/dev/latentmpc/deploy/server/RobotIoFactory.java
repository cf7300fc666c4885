package dev.latentmpc.deploy.server;

import dev.latentmpc.controller.bridge.ArmIOBridge;
import dev.latentmpc.controller.bridge.CameraIOBridge;
import dev.latentmpc.deploy.config.RobotSettings;
import dev.latentmpc.deploy.config.SimSettings;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.world.ArmIOSim;
import dev.latentmpc.simharness.world.MotionPacer;
import dev.latentmpc.simharness.world.SimWorld;
import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * The one place that chooses real or simulated IO: a robot bridge ({@link ArmIOBridge} and {@link
 * CameraIOBridge}, each over its own channel) or the simulated scene in this process ({@link
 * ArmIOSim} and {@link CameraIOSim} over one {@link SimWorld}, set up from a seeded {@link
 * Episode}). Everything downstream takes the result through its constructor.
 */
public final class RobotIoFactory {
  private RobotIoFactory() {}

  /**
   * Opens the arm and camera the settings name. A bridge is not contacted here (its channels
   * connect on first use); the health monitor reports whether it answers.
   *
   * @param robot the robot settings
   * @param clockNanos the monotonic clock frames and states are stamped on (the controller's)
   */
  public static RobotIo open(RobotSettings robot, LongSupplier clockNanos) {
    return switch (robot.source()) {
      case BRIDGE -> bridge(robot, clockNanos);
      case SIM -> sim(robot.sim(), clockNanos);
    };
  }

  private static RobotIo bridge(RobotSettings robot, LongSupplier clockNanos) {
    ArmIOBridge arm = ArmIOBridge.connect(robot.bridge(), clockNanos);
    try {
      CameraIOBridge camera = CameraIOBridge.connect(robot.bridge(), clockNanos);
      return new RobotIo(arm, camera, "bridge " + robot.bridge().address());
    } catch (RuntimeException e) {
      arm.close();
      throw e;
    }
  }

  /**
   * The simulated scene of the settings' episode. With pacing, moves take the motion's real
   * duration and {@code stop()} cuts one short, as on the robot; without it they finish at once.
   */
  private static RobotIo sim(SimSettings sim, LongSupplier clockNanos) {
    Episode episode = Episode.create(sim.task(), sim.seed());
    SimWorld world = episode.startWorld();
    MotionPacer pacer = sim.pacing() ? MotionPacer.wallClock(clockNanos) : MotionPacer.instant();
    ArmIOSim arm = new ArmIOSim(world, clockNanos, pacer);
    CameraIOSim camera =
        new CameraIOSim(
            world::shapes, new Renderer(CameraSpec.DEFAULT), clockNanos, InstantSource.system());
    String description = "in-process sim (" + sim.task().cliName() + ", seed " + sim.seed() + ")";
    return new RobotIo(arm, camera, description);
  }
}
