package dev.latentmpc.controller.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.testing.CountingWorldModel;
import dev.latentmpc.controller.testing.TestBundle;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoalCacheTest {

  private final CountingWorldModel model = new CountingWorldModel(TestBundle.model());
  private final FramePreprocessor preprocessor = FramePreprocessor.of(model.spec());

  @Test
  void theKeyIsTheImageContentNotTheInstance() {
    RgbImage image = TestBundle.randomImage(1, 8, 4);
    RgbImage copy = new RgbImage(8, 4, image.rgb().clone());
    RgbImage transposed = new RgbImage(4, 8, image.rgb().clone());

    assertThat(GoalCache.contentHash(copy)).isEqualTo(GoalCache.contentHash(image)).hasSize(64);
    assertThat(GoalCache.contentHash(transposed)).isNotEqualTo(GoalCache.contentHash(image));
  }

  @Test
  void missingGoalsAreEncodedInOneBatchAndDuplicatesOnce() {
    GoalCache cache = new GoalCache(model, preprocessor, 8);
    RgbImage a = TestBundle.randomImage(1, 64, 64);
    RgbImage b = TestBundle.randomImage(2, 64, 64);

    List<Latent> first = cache.latentsFor(List.of(a, b, a));
    List<Latent> second = cache.latentsFor(List.of(b, a));

    assertThat(model.encodeCalls()).isEqualTo(1);
    assertThat(model.encodedClips()).isEqualTo(2);
    assertThat(first.get(0)).isSameAs(first.get(2));
    assertThat(second).containsExactly(first.get(1), first.get(0));
    assertThat(first.get(0)).isEqualTo(model.encode(preprocessor.preprocess(a)));
  }

  @Test
  void theLeastRecentlyUsedLatentIsEvictedBeyondCapacity() {
    GoalCache cache = new GoalCache(model, preprocessor, 2);
    RgbImage a = TestBundle.randomImage(1, 64, 64);
    RgbImage b = TestBundle.randomImage(2, 64, 64);
    RgbImage c = TestBundle.randomImage(3, 64, 64);

    cache.latentsFor(List.of(a));
    cache.latentsFor(List.of(b));
    cache.latentsFor(List.of(a));
    cache.latentsFor(List.of(c));
    int before = model.encodedClips();
    cache.latentsFor(List.of(a));
    cache.latentsFor(List.of(b));

    assertThat(cache.size()).isEqualTo(2);
    assertThat(model.encodedClips() - before).as("a kept, b evicted").isEqualTo(1);
  }
}
