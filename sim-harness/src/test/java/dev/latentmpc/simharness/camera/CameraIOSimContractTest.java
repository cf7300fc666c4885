package dev.latentmpc.simharness.camera;

import dev.latentmpc.camera.CameraIO;
import dev.latentmpc.camera.CameraIOContractTest;
import dev.latentmpc.simharness.render.CameraIOSim;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link CameraIOSim} passes the shared {@code CameraIO} contract, on test clocks that advance a
 * millisecond per reading so capture times differ.
 */
class CameraIOSimContractTest extends CameraIOContractTest {
  private static final long EPOCH_NANOS = 1_700_000_000L * 1_000_000_000L;
  private final AtomicLong nanos = new AtomicLong(5_000_000L);

  @Override
  protected CameraIO createCamera() {
    SimWorld world = Episode.create(SimTask.REACH, 3).startWorld();
    InstantSource wall = () -> Instant.ofEpochSecond(0, EPOCH_NANOS + nanos.get());
    return new CameraIOSim(
        world::shapes,
        new Renderer(CameraSpec.DEFAULT.withSize(48, 32)),
        () -> nanos.addAndGet(1_000_000L),
        wall);
  }

  @Override
  protected long nowNanos() {
    return nanos.get();
  }

  @Override
  protected long nowUnixNanos() {
    return EPOCH_NANOS + nanos.get();
  }
}
