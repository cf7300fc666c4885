package dev.latentmpc.deploy.server;

import dev.latentmpc.simharness.bridge.SimBridgeServer;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.world.ArmIOSim;
import dev.latentmpc.simharness.world.MotionPacer;
import dev.latentmpc.simharness.world.SimWorld;
import java.io.IOException;

/**
 * The robot side of the end-to-end tests: a seeded episode's scene served by the sim harness's
 * {@link SimBridgeServer} ({@link SimBridgeHost}) on 127.0.0.1 (a free port), with real-time
 * motions (so {@code Stop} cuts one short, as on the robot) and a {@link RecordingArm} in front of
 * the simulated arm; {@link #instant} serves moves that complete at once (tests that only need
 * bridge traffic quickly).
 */
public final class SimBridgeFixture implements AutoCloseable {
  final Episode episode;
  final SimWorld world;
  final RecordingArm arm;
  final CameraIOSim camera;
  private final SimBridgeHost host;

  SimBridgeFixture(Episode episode) throws IOException {
    this(episode, MotionPacer.wallClock(System::nanoTime));
  }

  private SimBridgeFixture(Episode episode, MotionPacer pacer) throws IOException {
    this.episode = episode;
    world = episode.startWorld();
    arm = new RecordingArm(new ArmIOSim(world, System::nanoTime, pacer));
    camera = CameraIOSim.onSystemClock(world::shapes, new Renderer(CameraSpec.DEFAULT));
    host = new SimBridgeHost(episode, arm, camera);
  }

  /** The episode's scene with moves that complete at once. */
  public static SimBridgeFixture instant(Episode episode) throws IOException {
    return new SimBridgeFixture(episode, MotionPacer.instant());
  }

  /** Returns the bridge address for the service's config ({@code robot.bridge.address}). */
  public String address() {
    return host.address();
  }

  @Override
  public void close() {
    host.close();
    arm.close();
    camera.close();
  }
}
