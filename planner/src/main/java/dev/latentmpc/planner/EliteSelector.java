package dev.latentmpc.planner;

/**
 * Selects the {@code k} samples of lowest energy in O(n log k) with a bounded max-heap, allocation
 * free after construction.
 *
 * <p>NaN and infinite energies (−∞ included) count as +∞. Ties go to the lower sample index, so the
 * selection is deterministic; when fewer than {@code k} energies are finite, the remaining elites
 * are the lowest-indexed non-finite samples.
 */
final class EliteSelector {

  private final int k;
  private final int[] indices;
  private final float[] keys;
  private int size;

  EliteSelector(int k) {
    this.k = k;
    indices = new int[k];
    keys = new float[k];
  }

  /**
   * Selects the elites of {@code energies}, which must hold at least {@code k} values.
   *
   * @return how many energies were NaN or infinite
   */
  int select(float[] energies) {
    size = 0;
    int nonFinite = 0;
    for (int i = 0; i < energies.length; i++) {
      float key = energies[i];
      if (!Float.isFinite(key)) {
        key = Float.POSITIVE_INFINITY;
        nonFinite++;
      }
      if (size < k) {
        keys[size] = key;
        indices[size] = i;
        siftUp(size++);
      } else if (key < keys[0]) {
        // A later index never beats an equal key: ties keep the earlier sample.
        keys[0] = key;
        indices[0] = i;
        siftDown();
      }
    }
    return nonFinite;
  }

  /** Returns the sample index of elite {@code rank} (heap order, not sorted). */
  int index(int rank) {
    return indices[rank];
  }

  /** Returns the number of elites, {@code k}. */
  int count() {
    return k;
  }

  /** Returns the mean energy of the elites (+∞ if any was non-finite). */
  double meanEnergy() {
    double sum = 0;
    for (int rank = 0; rank < k; rank++) {
      sum += keys[rank];
    }
    return sum / k;
  }

  /** Heap order: a parent is "worse" than its children (higher key, or equal key, higher index). */
  private boolean worse(int a, int b) {
    return keys[a] > keys[b] || (keys[a] == keys[b] && indices[a] > indices[b]);
  }

  private void siftUp(int child) {
    while (child > 0) {
      int parent = (child - 1) >>> 1;
      if (!worse(child, parent)) {
        return;
      }
      swap(child, parent);
      child = parent;
    }
  }

  private void siftDown() {
    int parent = 0;
    while (true) {
      int worst = parent;
      int left = 2 * parent + 1;
      if (left < k && worse(left, worst)) {
        worst = left;
      }
      if (left + 1 < k && worse(left + 1, worst)) {
        worst = left + 1;
      }
      if (worst == parent) {
        return;
      }
      swap(parent, worst);
      parent = worst;
    }
  }

  private void swap(int a, int b) {
    float key = keys[a];
    keys[a] = keys[b];
    keys[b] = key;
    int index = indices[a];
    indices[a] = indices[b];
    indices[b] = index;
  }
}
