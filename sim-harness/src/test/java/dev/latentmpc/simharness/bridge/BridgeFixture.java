package dev.latentmpc.simharness.bridge;

import dev.latentmpc.controller.bridge.BridgeClientConfig;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.ArmIOSim;
import dev.latentmpc.simharness.world.MotionPacer;
import dev.latentmpc.simharness.world.SimWorld;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A seeded reach scene served by {@link SimBridgeServer} on a real TCP socket (127.0.0.1, a free
 * port), which can be taken down and brought back on the same port; records the bridge methods it
 * is called with. The simulated arm and camera stamp readings with {@link System#nanoTime()}, and
 * the wall clock is fixed at {@link #WALL}.
 */
final class BridgeFixture implements AutoCloseable {
  static final int SIZE_PX = 48;
  static final Instant WALL = Instant.ofEpochSecond(1_700_000_000L);
  static final long WALL_NANOS = WALL.getEpochSecond() * 1_000_000_000L;

  final SimWorld world;
  final ArmIOSim arm;
  final CameraIOSim camera;

  /** Bare names of the bridge methods called so far (e.g. "MoveDelta", "Stop"), in order. */
  final List<String> calls = new CopyOnWriteArrayList<>();

  /**
   * Told each call's bare method name when the bridge has handled it, just before its answer goes
   * out (on the server's thread).
   */
  final List<Consumer<String>> handled = new CopyOnWriteArrayList<>();

  private final BridgeClock clock = new BridgeClock(InstantSource.fixed(WALL), System::nanoTime);
  private final BridgeInfo info =
      new BridgeInfo(
          "franka-panda-sim",
          true,
          SIZE_PX,
          SIZE_PX,
          new BridgeInfo.Workspace(0.25, 0.8, -0.4, 0.4, 0.01, 0.7),
          0.25,
          Math.PI / 4,
          0.08,
          "reach seed 3");
  private final ServerInterceptor recorder =
      new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
          String method = call.getMethodDescriptor().getBareMethodName();
          calls.add(method);
          ServerCall<Q, R> watched =
              new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                @Override
                public void close(Status status, Metadata trailers) {
                  handled.forEach(listener -> listener.accept(method));
                  super.close(status, trailers);
                }
              };
          return next.startCall(watched, headers);
        }
      };
  private final int port;
  private final LongSupplier watchdogNanos;
  private SimBridgeServer server;

  /** Serves a reach scene whose motions complete at once (simulated time). */
  BridgeFixture() throws IOException {
    this(MotionPacer.instant());
  }

  /** Serves a reach scene whose motions are paced by {@code pacer}. */
  BridgeFixture(MotionPacer pacer) throws IOException {
    this(pacer, System::nanoTime);
  }

  /** Serves a reach scene paced by {@code pacer}, its watchdog on {@code watchdogNanos}. */
  BridgeFixture(MotionPacer pacer, LongSupplier watchdogNanos) throws IOException {
    this.watchdogNanos = watchdogNanos;
    world = Episode.create(SimTask.REACH, 3).startWorld();
    arm = new ArmIOSim(world, System::nanoTime, pacer);
    camera =
        new CameraIOSim(
            world::shapes,
            new Renderer(CameraSpec.DEFAULT.withSize(SIZE_PX, SIZE_PX)),
            System::nanoTime,
            clock.wall());
    server = serve(0);
    port = server.port();
  }

  private SimBridgeServer serve(int onPort) throws IOException {
    return new SimBridgeServer(
            NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", onPort))
                .intercept(recorder),
            arm,
            camera,
            info,
            clock,
            watchdogNanos)
        .start();
  }

  /** The serving bridge's watchdog. */
  BridgeWatchdog watchdog() {
    return server.watchdog();
  }

  /** The server's port. */
  int port() {
    return port;
  }

  /**
   * Client settings for this server: generous deadlines (the tests assert outcomes, not speed) that
   * still bound every call.
   */
  BridgeClientConfig config() {
    return BridgeClientConfig.builder()
        .address("127.0.0.1:" + port)
        .callDeadline(Duration.ofSeconds(5))
        .moveMargin(Duration.ofSeconds(5))
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  /** Shuts the server down (the arm and camera stay); the port is free until {@link #restart}. */
  void stopServer() throws InterruptedException {
    server.shutdown(Duration.ofSeconds(5));
  }

  /** Serves the same scene again on the same port. */
  void restart() throws IOException {
    server = serve(port);
  }

  @Override
  public void close() {
    server.close();
    arm.close();
    camera.close();
  }
}
