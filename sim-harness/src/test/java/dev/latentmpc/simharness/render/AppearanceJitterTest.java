package dev.latentmpc.simharness.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.simharness.geom.Vec3;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AppearanceJitterTest {

  @Test
  void sameSeedSameAppearance() {
    AppearanceJitter jitter = AppearanceJitter.MODERATE;
    for (long seed = 0; seed < 20; seed++) {
      Appearance a = jitter.sample(Appearance.DEFAULT, new SplittableRandom(seed));
      Appearance b = jitter.sample(Appearance.DEFAULT, new SplittableRandom(seed));
      assertThat(a).isEqualTo(b);
    }
  }

  @Test
  void noJitterKeepsTheBase() {
    Appearance base = Appearance.DEFAULT.withTableTexture(new TableTexture(0.05, 0.1, 0, 3));
    assertThat(AppearanceJitter.NONE.sample(base, new SplittableRandom(1))).isEqualTo(base);
  }

  @Test
  void variationsStayWithinTheirBounds() {
    AppearanceJitter jitter = new AppearanceJitter(0.03, 0.01, 20, 0.3, 0.5);
    Appearance base = Appearance.DEFAULT;
    int textured = 0;
    SplittableRandom random = new SplittableRandom(99);
    for (int i = 0; i < 200; i++) {
      Appearance a = jitter.sample(base, random);
      assertThat(maxAbs(a.camera().eyeM().minus(base.camera().eyeM()))).isLessThanOrEqualTo(0.03);
      assertThat(maxAbs(a.camera().targetM().minus(base.camera().targetM())))
          .isLessThanOrEqualTo(0.01);
      double turnDeg =
          Math.toDegrees(
              Math.acos(
                  Math.min(
                      1, a.lighting().keyTowardLight().dot(base.lighting().keyTowardLight()))));
      assertThat(turnDeg).isLessThanOrEqualTo(2 * 20);
      assertThat(a.lighting().keyIntensity() / base.lighting().keyIntensity()).isBetween(0.7, 1.3);
      textured += a.tableTexture().isVisible() ? 1 : 0;
    }
    // About half the tables are textured.
    assertThat(textured).isBetween(70, 130);
  }

  @Test
  void rejectsOutOfRangeSettings() {
    assertThatThrownBy(() -> new AppearanceJitter(0.5, 0, 0, 0, 0))
        .hasMessageContaining("eyeJitterM");
    assertThatThrownBy(() -> new AppearanceJitter(0, 0, 0, 0, 1.5))
        .hasMessageContaining("tableTextureProbability");
    assertThatThrownBy(() -> new AppearanceJitter(0, 0, Double.NaN, 0, 0))
        .hasMessageContaining("lightDirectionJitterDeg");
  }

  private static double maxAbs(Vec3 v) {
    return Math.max(Math.abs(v.x()), Math.max(Math.abs(v.y()), Math.abs(v.z())));
  }
}
