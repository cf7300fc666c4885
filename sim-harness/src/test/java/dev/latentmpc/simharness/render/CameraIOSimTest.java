package dev.latentmpc.simharness.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.camera.CameraUnavailableException;
import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CameraIOSimTest {
  private static final CameraSpec SMALL = CameraSpec.DEFAULT.withSize(64, 64);

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final InstantSource wall = () -> Instant.ofEpochSecond(1_700_000_000L, nanos.get());
  private final AtomicReference<List<Shape>> scene =
      new AtomicReference<>(List.of(TestScenes.table()));

  private CameraIOSim camera() {
    return new CameraIOSim(scene::get, new Renderer(SMALL), nanos::get, wall);
  }

  @Test
  void framesCarryIncreasingSequenceAndCaptureTimes() throws Exception {
    try (CameraIOSim cam = camera()) {
      List<CameraFrame> frames = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        frames.add(cam.latest());
        nanos.addAndGet(250_000_000L);
      }
      for (int i = 0; i < frames.size(); i++) {
        CameraFrame f = frames.get(i);
        assertThat(f.sequence()).isEqualTo(i);
        assertThat(f.captureTimeNanos()).isEqualTo(1_000 + i * 250_000_000L);
        assertThat(f.captureTimeUnixNanos())
            .isEqualTo(1_700_000_000L * 1_000_000_000L + 1_000 + i * 250_000_000L);
        assertThat(f.image().width()).isEqualTo(64);
      }
    }
  }

  @Test
  void captureTimeNeverGoesBackwards() throws Exception {
    try (CameraIOSim cam = camera()) {
      long first = cam.latest().captureTimeNanos();
      nanos.set(10);
      CameraFrame second = cam.latest();
      assertThat(second.captureTimeNanos()).isEqualTo(first);
      assertThat(second.sequence()).isEqualTo(1);
    }
  }

  @Test
  void eachFrameShowsTheSceneAtTheCall() throws Exception {
    try (CameraIOSim cam = camera()) {
      String before = RendererTest.sha256(cam.latest().image());
      scene.set(
          List.of(
              TestScenes.table(),
              new Shape.Box(
                  Pose.at(new Vec3(0.5, 0, 0.05)), new Vec3(0.05, 0.05, 0.05), TestScenes.RED)));
      String after = RendererTest.sha256(cam.latest().image());
      assertThat(after).isNotEqualTo(before);
    }
  }

  @Test
  void closedCameraThrows() throws Exception {
    CameraIOSim cam = camera();
    cam.latest();
    cam.close();
    cam.close();
    assertThatThrownBy(cam::latest)
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void brokenSceneIsReportedAsUnavailable() {
    CameraIOSim cam =
        new CameraIOSim(
            () -> {
              throw new IllegalStateException("world gone");
            },
            new Renderer(SMALL),
            nanos::get,
            wall);
    assertThatThrownBy(cam::latest)
        .isInstanceOf(CameraUnavailableException.class)
        .hasMessageContaining("world gone");
  }

  @Test
  void concurrentCallersGetDistinctSequenceNumbers() throws Exception {
    CameraIOSim cam = camera();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    Callable<Void> grab =
        () -> {
          for (int i = 0; i < 25; i++) {
            seen.add(cam.latest().sequence());
          }
          return null;
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Void>> done = pool.invokeAll(List.of(grab, grab));
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(50).allMatch(s -> s >= 0 && s < 50);
  }
}
