package dev.latentmpc.planner;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Measures the planner's own cost per plan at the paper's settings (800 samples × 10 iterations,
 * horizon 1, and horizon 4 for comparison) with a trivial energy, so the figure excludes the world
 * model. Not a test; run it after {@code mvn -pl planner test-compile} with
 *
 * <pre>{@code
 * java -cp planner/target/classes:planner/target/test-classes:<world-model jar> \
 *     dev.latentmpc.planner.CemPlannerBenchmark [plans]
 * }</pre>
 *
 * <p>It prints p50, p99 and mean microseconds per plan and the bytes allocated per plan (the
 * returned plan and its arrays; nothing per sample).
 */
public final class CemPlannerBenchmark {

  private static final int WARMUP_PLANS = 3_000;

  private CemPlannerBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional number of measured plans (default 5000)
   */
  public static void main(String[] args) {
    int plans = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    System.out.println("CEM planner overhead per plan, trivial energy, " + plans + " plans");
    measure(CemConfig.defaults(), plans);
    measure(CemConfig.defaults().toBuilder().l1BallEnabled(true).build(), plans);
    measure(CemConfig.builder().horizon(4).build(), plans);
    // The public code's hooks: z and the gripper pinned (with the ball), or closing from step 0.
    measure(
        CemConfig.builder()
            .l1BallEnabled(true)
            .pins(AxisPins.NONE.withDzM(0).withDGripper(0))
            .build(),
        plans);
    measure(CemConfig.builder().closeGripperFromStep(OptionalInt.of(0)).build(), plans);
  }

  private static void measure(CemConfig config, int plans) {
    float[] energies = new float[config.samples()];
    // Trivial but not constant, so the elites change: the energy is the sampled Δx.
    EnergyFunction trivial =
        batch -> {
          for (int sample = 0; sample < energies.length; sample++) {
            energies[sample] = batch.values()[sample * batch.horizon() * 7];
          }
          return energies;
        };
    CemPlanner planner = new CemPlanner(config, new SplittableRandom(1), System::nanoTime);
    for (int i = 0; i < WARMUP_PLANS; i++) {
      planner.plan(trivial, Deadline.none());
    }
    long[] nanos = new long[plans];
    long allocatedBefore = allocatedBytes();
    for (int i = 0; i < plans; i++) {
      long start = System.nanoTime();
      planner.plan(trivial, Deadline.none());
      nanos[i] = System.nanoTime() - start;
    }
    long bytesPerPlan = (allocatedBytes() - allocatedBefore) / plans;
    Arrays.sort(nanos);
    System.out.printf(
        "%d samples x %d iterations, horizon %d, L1 ball %s%s: p50 %.1f us, p99 %.1f us,"
            + " mean %.1f us, %d bytes allocated per plan%n",
        config.samples(),
        config.iterations(),
        config.horizon(),
        config.l1BallEnabled() ? "on" : "off",
        (config.pins().isEmpty() ? "" : ", pins " + config.pins().describe())
            + config.closeGripperFromStep().stream()
                .mapToObj(k -> ", close from " + k)
                .findAny()
                .orElse(""),
        nanos[plans / 2] / 1e3,
        nanos[(int) (plans * 0.99)] / 1e3,
        Arrays.stream(nanos).average().orElse(0) / 1e3,
        bytesPerPlan);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
