package dev.latentmpc.deploy.monitoring;

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
 * A simulated robot behind the bridge protocol on 127.0.0.1 (a free port): what {@code latent-mpc
 * sim serve} runs, with moves that complete at once, so that a service in bridge mode records
 * bridge call metrics quickly.
 */
final class SimRobotBridge implements AutoCloseable {
  private final ArmIOSim arm;
  private final CameraIOSim camera;
  private final SimBridgeServer server;

  SimRobotBridge(Episode episode) throws IOException {
    SimWorld world = episode.startWorld();
    arm = new ArmIOSim(world, System::nanoTime, MotionPacer.instant());
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

  /** Returns the bridge's {@code host:port} for {@code robot.bridge.address}. */
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
