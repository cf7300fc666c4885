package dev.latentmpc.controller.service;

import static dev.latentmpc.controller.service.ArmOwnershipTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.controller.service.goal.GoalStore;
import dev.latentmpc.controller.service.goal.StoredGoal;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** The goal store's bounds: least recently used goals go first; one oversized image is refused. */
class GoalStoreTest {

  private static final long IMAGE_BYTES = 64 * 64 * 3;

  @Test
  void evictsTheLeastRecentlyUsedGoalWhenFull() {
    GoalStore store = new GoalStore(2, 1 << 20);
    StoredGoal a = store.put(TestImages.random(1));
    StoredGoal b = store.put(TestImages.random(2));
    store.get(a.goalId(), "goal");

    store.put(TestImages.random(3));

    assertThat(store.size()).isEqualTo(2);
    assertThat(store.get(a.goalId(), "goal")).isNotNull();
    assertThatThrownBy(() -> store.get(b.goalId(), "goal"))
        .satisfies(e -> assertCode(e, Status.Code.NOT_FOUND, "evicted"));
  }

  @Test
  void evictsByBytesAndRefusesAnImageLargerThanTheBudget() {
    GoalStore store = new GoalStore(10, 2 * IMAGE_BYTES);
    store.put(TestImages.random(1));
    store.put(TestImages.random(2));
    store.put(TestImages.random(3));

    assertThat(store.size()).isEqualTo(2);
    assertThat(store.storedBytes()).isEqualTo(2 * IMAGE_BYTES);
    RgbImage big = new RgbImage(128, 128, new byte[128 * 128 * 3]);
    assertThatThrownBy(() -> store.put(big))
        .satisfies(e -> assertCode(e, Status.Code.RESOURCE_EXHAUSTED, "budget"));
  }
}
