package dev.latentmpc.deploy.server;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.bridge.BridgeClock;
import dev.latentmpc.simharness.bridge.BridgeInfo;
import dev.latentmpc.simharness.bridge.SimBridgeServer;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.task.Episode;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The sim harness's {@link SimBridgeServer} over a test's arm and camera (a simulated episode's,
 * with whatever records or injects faults in front), on a free port of 127.0.0.1 that it can come
 * back on after {@link #kill()}. Like the server, it never closes the arm or the camera: whoever
 * made them does, after closing this.
 */
public final class SimBridgeHost implements AutoCloseable {
  private final ArmIO arm;
  private final CameraIO camera;
  private final BridgeInfo info;
  private final int port;
  private SimBridgeServer server;

  /** Serves {@code arm} and {@code camera}, described as {@code episode}'s scene. */
  public SimBridgeHost(Episode episode, ArmIO arm, CameraIO camera) throws IOException {
    this.arm = arm;
    this.camera = camera;
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
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}, for the service's config ({@code robot.bridge.address}). */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The bridge process dies: no grace, in-flight calls cancelled; arm and camera stay. */
  public void kill() throws InterruptedException {
    server.shutdown(Duration.ZERO);
  }

  /** Serves the same arm and camera again on the same port. */
  public void restartOnTheSamePort() throws IOException {
    server = serve(port);
  }

  @Override
  public void close() {
    server.close();
  }
}
