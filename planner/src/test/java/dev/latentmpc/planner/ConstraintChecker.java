package dev.latentmpc.planner;

import dev.latentmpc.worldmodel.ActionBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks actions against a configuration's constraints independently of the planner's own code:
 * |x|, |y|, |z| ≤ maxNormM, |gripper| ≤ gripperLimit, rotations exactly 0, every value finite, and
 * |x| + |y| + |z| ≤ l1BallRadiusM when the ball is enabled. Collects the first violations.
 */
final class ConstraintChecker {

  private static final int MAX_REPORTED = 20;

  private final CemConfig config;
  private final List<String> violations = new ArrayList<>();
  private long checkedActions;

  ConstraintChecker(CemConfig config) {
    this.config = config;
  }

  void check(ActionBatch batch) {
    float[] values = batch.values();
    for (int offset = 0; offset < values.length; offset += ActionBatch.ACTION_DIM) {
      check("batch action " + offset / ActionBatch.ACTION_DIM, values, offset);
    }
  }

  void check(Plan plan) {
    float[][] actions = plan.actions();
    for (int step = 0; step < actions.length; step++) {
      check("plan step " + step, actions[step], 0);
    }
  }

  List<String> violations() {
    return violations;
  }

  long checkedActions() {
    return checkedActions;
  }

  private void check(String where, float[] values, int offset) {
    checkedActions++;
    for (int c = 0; c < ActionBatch.ACTION_DIM; c++) {
      float value = values[offset + c];
      boolean rotation = c >= 3 && c < 6;
      double bound = c < 3 ? config.maxNormM() : config.gripperLimit();
      if (!Float.isFinite(value) || (rotation ? value != 0 : Math.abs(value) > bound)) {
        report(where + " component " + c + " = " + value + " in " + config);
      }
    }
    double l1M =
        Math.abs((double) values[offset])
            + Math.abs((double) values[offset + 1])
            + Math.abs((double) values[offset + 2]);
    if (config.l1BallEnabled() && l1M > config.l1BallRadiusM()) {
      report(where + " L1 norm " + l1M + " in " + config);
    }
  }

  private void report(String violation) {
    if (violations.size() < MAX_REPORTED) {
      violations.add(violation);
    }
  }
}
