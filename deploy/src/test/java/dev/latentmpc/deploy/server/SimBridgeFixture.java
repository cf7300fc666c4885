package dev.latentmpc.deploy.server;

import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.bridge.BridgeClock;
import dev.latentmpc.simharness.bridge.BridgeInfo;
import dev.latentmpc.simharness.bridge.SimBridgeServer;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.world.ArmIOSim;
import dev.latentmpc.simharness.world.MotionPacer;
import dev.latentmpc.simharness.world.SimWorld;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The robot side of the end-to-end tests: a seeded episode's scene served by the sim harness's
 * {@link SimBridgeServer} on 127.0.0.1 (a free port), with real-time motions (so {@code Stop} cuts
 * one short, as on the robot) and a {@link RecordingArm} in front of the simulated arm.
 */
final class SimBridgeFixture implements AutoCloseable {
  final Episode episode;
  final SimWorld world;
  final RecordingArm arm;
  final CameraIOSim camera;
  final SimBridgeServer server;

  SimBridgeFixture(Episode episode) throws IOException {
    this.episode = episode;
    world = episode.startWorld();
    arm =
        new RecordingArm(
            new ArmIOSim(world, System::nanoTime, MotionPacer.wallClock(System::nanoTime)));
    camera = CameraIOSim.onSystemClock(world::shapes, new Renderer(CameraSpec.DEFAULT));
    BridgeInfo info =
        BridgeInfo.forSim(
            SimArmConfig.defaults(),
            CameraSpec.DEFAULT,
            episode.task() + " seed " + episode.seed());
    server =
        new SimBridgeServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                arm,
                camera,
                info,
                BridgeClock.SYSTEM)
            .start();
  }

  /** Returns the bridge address for the service's config. */
  String address() {
    return "127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.close();
    arm.close();
    camera.close();
  }
}
