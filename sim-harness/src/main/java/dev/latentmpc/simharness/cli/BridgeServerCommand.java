package dev.latentmpc.simharness.cli;

import dev.latentmpc.simharness.arm.GripperModel;
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
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sim serve}: the simulated robot behind the bridge protocol, until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a seeded simulated scene over gRPC with the robot bridge protocol"
          + " (latentmpc.bridge.v1.RobotBridge, plus grpc.health.v1 and server reflection).",
      "Motions run in real time. Runs until Ctrl-C, then stops the arm and shuts down gracefully."
    })
final class BridgeServerCommand implements Callable<Integer> {
  /** Default port of the sim bridge. */
  static final int DEFAULT_PORT = 50061;

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "" + DEFAULT_PORT,
      description = "TCP port, 0 = any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--task",
      defaultValue = "reach",
      description =
          "Scene of this task: reach, grasp, reach-with-object, pick-and-place"
              + " (default: ${DEFAULT-VALUE}).")
  String task;

  @Mixin EpisodeSeedOption seed = new EpisodeSeedOption();

  @Option(
      names = "--gripper",
      defaultValue = "franka",
      description = "franka (80 mm) or robotiq-85 (85 mm) (default: ${DEFAULT-VALUE}).")
  String gripper;

  @Option(
      names = "--pacing",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Real-time motions: MoveDelta blocks for the motion's duration and Stop cuts it short"
              + " (default: on; --no-pacing completes moves at once).")
  boolean pacing;

  @Mixin CameraOptions cameraOptions = new CameraOptions();

  @Override
  public Integer call() throws Exception {
    return CliSupport.run(
        spec,
        () -> {
          Running running = start();
          PrintWriter out = spec.commandLine().getOut();
          out.printf(
              "sim bridge: serving %s on %s:%d (Ctrl-C stops)%n",
              running.description(), host, running.server().port());
          out.flush();
          Runtime.getRuntime().addShutdownHook(new Thread(running::close, "sim-bridge-shutdown"));
          running.server().awaitTermination();
          return 0;
        });
  }

  /** Builds the scene and starts the server (the test seam: no waiting, no shutdown hook). */
  Running start() {
    Episode episode = Episode.create(TaskOption.parse(task), seed.seed());
    if (port < 0 || port > 65_535) {
      throw new SimUsageException("--port must be in [0, 65535], got " + port);
    }
    CameraSpec camera = cameraOptions.camera();
    SimArmConfig config = SimArmConfig.defaults().withGripper(gripperModel());
    SimWorld world = episode.startWorld(config);
    MotionPacer pacer = pacing ? MotionPacer.wallClock(System::nanoTime) : MotionPacer.instant();
    ArmIOSim arm = new ArmIOSim(world, System::nanoTime, pacer);
    CameraIOSim cam = CameraIOSim.onSystemClock(world::shapes, new Renderer(camera));
    String description = RenderCommand.describe(episode);
    BridgeInfo info = BridgeInfo.forSim(config, camera, description);
    SimBridgeServer server =
        new SimBridgeServer(
            NettyServerBuilder.forAddress(new InetSocketAddress(host, port)),
            arm,
            cam,
            info,
            BridgeClock.SYSTEM);
    try {
      server.start();
    } catch (IOException e) {
      arm.close();
      cam.close();
      throw new SimUsageException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + rootMessage(e)
              + "); pass another --port or --host");
    }
    return new Running(server, arm, cam, description);
  }

  private GripperModel gripperModel() {
    return switch (gripper) {
      case "franka" -> GripperModel.FRANKA_HAND;
      case "robotiq-85" -> GripperModel.ROBOTIQ_85;
      default ->
          throw new SimUsageException(
              "unknown gripper '" + gripper + "'; pass --gripper franka or --gripper robotiq-85");
    };
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** A started bridge with the sim IO it serves; closing stops everything. */
  record Running(SimBridgeServer server, ArmIOSim arm, CameraIOSim camera, String description)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      arm.close();
      camera.close();
    }
  }
}
