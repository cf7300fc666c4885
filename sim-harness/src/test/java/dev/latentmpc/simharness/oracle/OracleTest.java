package dev.latentmpc.simharness.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OracleTest {
  private static final int EPISODES = 20;

  @ParameterizedTest
  @EnumSource(SimTask.class)
  void solvesEverySeededEpisode(SimTask task) {
    for (long seed = 0; seed < EPISODES; seed++) {
      Episode e = Episode.create(task, seed);
      OracleResult r = Oracle.exact().run(e, Oracle.defaultMaxSteps(task));
      assertThat(r.success()).as("%s seed %d: %s", task, seed, r).isTrue();
      assertThat(r.steps()).isPositive();
      assertThat(r.simSeconds()).isPositive();
    }
  }

  @Test
  void stepsStayWithinThePlannersBounds() {
    OracleConfig c = OracleConfig.defaults();
    List<Delta> actions = new ArrayList<>();
    for (SimTask t : SimTask.values()) {
      Episode e = Episode.create(t, 77);
      Oracle.exact()
          .run(
              e,
              e.startWorld(),
              60,
              (i, before, a, out, w) -> {
                actions.add(a);
                // a translation step takes at most ≈ 0.25 s at the default arm speed (4 fps)
                if (a.dGripper() == 0) {
                  assertThat(out.durationSeconds()).isLessThanOrEqualTo(0.2501);
                }
              });
    }
    assertThat(actions).isNotEmpty();
    for (Delta a : actions) {
      double l1 = Math.abs(a.dxM()) + Math.abs(a.dyM()) + Math.abs(a.dzM());
      assertThat(l1).isLessThanOrEqualTo(c.maxStepL1M() + 1e-12);
      assertThat(Math.sqrt(a.dxM() * a.dxM() + a.dyM() * a.dyM() + a.dzM() * a.dzM()))
          .isLessThanOrEqualTo(c.maxStepM() + 1e-12);
      assertThat(Math.abs(a.dGripper())).isLessThanOrEqualTo(c.maxGripperStep());
      assertThat(a.dRollRad()).isZero(); // noise-free: no rotations, like the planner
    }
  }

  @Test
  void noisyDemonstrationsAreReproducibleAndSometimesFail() {
    List<Boolean> first = noisyRun(99);
    assertThat(noisyRun(99)).isEqualTo(first);
    assertThat(first).contains(true, false);
  }

  @Test
  void randomActionsRespectTheBounds() {
    Oracle o = new Oracle(OracleConfig.noisy(0.01, 1.0), new SplittableRandom(1));
    for (int i = 0; i < 200; i++) {
      Delta d = o.randomDelta();
      assertThat(Math.abs(d.dxM()) + Math.abs(d.dyM()) + Math.abs(d.dzM()))
          .isLessThanOrEqualTo(0.075 + 1e-12);
      assertThat(Math.abs(d.dGripper())).isLessThanOrEqualTo(0.75);
    }
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> OracleConfig.noisy(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("noiseStdM");
    assertThatThrownBy(() -> Oracle.exact().run(Episode.create(SimTask.REACH, 1), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Boolean> noisyRun(long seed) {
    Oracle noisy = new Oracle(OracleConfig.noisy(0.01, 0.15), new SplittableRandom(seed));
    List<Boolean> out = new ArrayList<>();
    for (long s = 0; s < 12; s++) {
      out.add(noisy.run(Episode.create(SimTask.PICK_AND_PLACE, s), 35).success());
    }
    return out;
  }
}
