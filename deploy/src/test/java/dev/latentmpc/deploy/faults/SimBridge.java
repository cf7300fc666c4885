package dev.latentmpc.deploy.faults;

import dev.latentmpc.deploy.server.SimBridgeHost;
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
 * The robot side of the fault tests: a seeded sim scene behind a {@link FaultyArm} and a {@link
 * FaultyCamera}, served by the sim harness's {@link SimBridgeServer} on 127.0.0.1 (a free port that
 * it can come back on). Moves take their real duration (wall-clock pacing).
 */
final class SimBridge implements AutoCloseable {
  final Episode episode;
  final SimWorld world;
  final FaultyArm arm;
  final FaultyCamera camera;
  private final SimBridgeHost host;

  SimBridge(Episode episode) throws IOException {
    this.episode = episode;
    world = episode.startWorld();
    arm =
        new FaultyArm(
            new ArmIOSim(world, System::nanoTime, MotionPacer.wallClock(System::nanoTime)));
    camera =
        new FaultyCamera(
            CameraIOSim.onSystemClock(world::shapes, new Renderer(CameraSpec.DEFAULT)));
    host = new SimBridgeHost(episode, arm, camera);
  }

  /** The bridge's port on 127.0.0.1. */
  int port() {
    return host.port();
  }

  /** {@code 127.0.0.1:port}. */
  String address() {
    return host.address();
  }

  /** The bridge process dies: no grace, in-flight calls cancelled. */
  void kill() throws InterruptedException {
    host.kill();
  }

  void restartOnTheSamePort() throws IOException {
    host.restartOnTheSamePort();
  }

  @Override
  public void close() {
    host.close();
    arm.close();
    camera.close();
  }
}
