package dev.latentmpc.deploy.faults;

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
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

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
  private final BridgeInfo info;
  private final int port;
  private SimBridgeServer server;

  SimBridge(Episode episode) throws IOException {
    this.episode = episode;
    world = episode.startWorld();
    arm =
        new FaultyArm(
            new ArmIOSim(world, System::nanoTime, MotionPacer.wallClock(System::nanoTime)));
    camera =
        new FaultyCamera(
            CameraIOSim.onSystemClock(world::shapes, new Renderer(CameraSpec.DEFAULT)));
    info =
        BridgeInfo.forSim(
            SimArmConfig.defaults(),
            CameraSpec.DEFAULT,
            episode.task() + " seed " + episode.seed());
    server = serve(0);
    port = server.port();
  }

  private SimBridgeServer serve(int onPort) throws IOException {
    return new SimBridgeServer(
            NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", onPort))
                .withOption(ChannelOption.SO_REUSEADDR, true),
            arm,
            camera,
            info,
            BridgeClock.SYSTEM)
        .start();
  }

  /** The bridge's port on 127.0.0.1. */
  int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}. */
  String address() {
    return "127.0.0.1:" + port;
  }

  /** The bridge process dies: no grace, in-flight calls cancelled. */
  void kill() throws InterruptedException {
    server.shutdown(Duration.ZERO);
  }

  void restartOnTheSamePort() throws IOException {
    server = serve(port);
  }

  @Override
  public void close() {
    server.close();
    arm.close();
    camera.close();
  }
}
