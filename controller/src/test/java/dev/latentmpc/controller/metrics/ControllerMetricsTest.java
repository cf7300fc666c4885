package dev.latentmpc.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.EpisodeStatus;
import dev.latentmpc.controller.loop.HoldReason;
import dev.latentmpc.controller.loop.PhaseLatencies;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.controller.loop.StepStamp;
import dev.latentmpc.controller.loop.SubgoalSwitch;
import dev.latentmpc.controller.safety.EnvelopeDecision;
import dev.latentmpc.controller.safety.EnvelopeLimit;
import dev.latentmpc.controller.safety.EnvelopeOutcome;
import dev.latentmpc.controller.safety.RejectionReason;
import dev.latentmpc.planner.Plan;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ControllerMetrics}: step events and outcomes in, the contract's meters out. */
class ControllerMetricsTest {
  private static final long MS = 1_000_000L;
  private static final ArmState STATE = new ArmState(0.5, 0, 0.3, Math.PI, 0, 0, 0, 0);
  private static final Delta COMMAND = new Delta(0.01, 0, 0, 0, 0, 0, 0);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ControllerMetrics metrics = new ControllerMetrics();

  @BeforeEach
  void bind() {
    metrics.bindTo(registry);
  }

  @Test
  void bindingRegistersEverySeriesAtZero() {
    for (String phase : new String[] {"camera", "encode", "plan", "execute", "total"}) {
      assertThat(phase(phase).count()).isZero();
    }
    assertThat(steps("moved") + steps("held")).isZero();
    assertThat(cemIteration().count()).isZero();
    assertThat(energy().count()).isZero();
    assertThat(frameAge().count()).isZero();
    for (String outcome : new String[] {"passed", "clamped", "rejected"}) {
      assertThat(envelope(outcome)).isZero();
    }
    assertThat(switches("step_limit") + switches("energy_threshold")).isZero();
    for (String status : new String[] {"succeeded", "completed", "cancelled", "failed"}) {
      assertThat(outcomes(status)).isZero();
    }
  }

  @Test
  void aMovedStepRecordsItsPhasesIterationsEnergyEnvelopeAndSwitch() {
    EnvelopeDecision clamped =
        new EnvelopeDecision(
            COMMAND,
            EnvelopeOutcome.CLAMPED,
            Set.of(EnvelopeLimit.STEP_AXIS),
            Optional.empty(),
            "clamped by [STEP_AXIS]");

    metrics.onStep(
        moved(
            new PhaseLatencies(3 * MS, 20 * MS, 400 * MS, 600 * MS, 1_023 * MS),
            new long[] {100 * MS, 150 * MS, 150 * MS},
            0.42,
            clamped,
            SubgoalSwitch.STEP_LIMIT),
        Optional.empty());

    assertThat(phase("camera").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
    assertThat(phase("encode").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20);
    assertThat(phase("plan").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(400);
    assertThat(phase("execute").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(600);
    assertThat(phase("total").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_023);
    assertThat(phase("total").count()).isEqualTo(1);
    assertThat(steps("moved")).isEqualTo(1);
    assertThat(steps("held")).isZero();
    assertThat(cemIteration().count()).isEqualTo(3);
    assertThat(cemIteration().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(400);
    assertThat(energy().count()).isEqualTo(1);
    assertThat(energy().totalAmount()).isCloseTo(0.42, within(1e-12));
    assertThat(envelope("clamped")).isEqualTo(1);
    assertThat(envelope("passed") + envelope("rejected")).isZero();
    assertThat(switches("step_limit")).isEqualTo(1);
    assertThat(switches("energy_threshold")).isZero();
    assertThat(frameAge().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5);
  }

  @Test
  void aStaleFrameHoldRecordsOnlyTheCameraPhaseAndTheTotal() {
    metrics.record(held(HoldReason.STALE_FRAME, Optional.empty()));

    assertThat(phase("camera").count()).isEqualTo(1);
    assertThat(phase("total").count()).isEqualTo(1);
    assertThat(phase("encode").count() + phase("plan").count() + phase("execute").count()).isZero();
    assertThat(steps("held")).isEqualTo(1);
    assertThat(steps("moved")).isZero();
    assertThat(energy().count()).isZero(); // NaN: no plan
    assertThat(cemIteration().count()).isZero();
    assertThat(frameAge().count()).isEqualTo(1); // a stale frame is exactly what to see
  }

  @Test
  void anEnvelopeRejectionIsCountedOnAHold() {
    EnvelopeDecision rejected =
        new EnvelopeDecision(
            Delta.ZERO,
            EnvelopeOutcome.REJECTED,
            Set.of(),
            Optional.of(RejectionReason.STATE_OUTSIDE_WORKSPACE),
            "outside");

    metrics.record(held(HoldReason.ENVELOPE_REJECTED, Optional.of(rejected)));

    assertThat(envelope("rejected")).isEqualTo(1);
    assertThat(steps("held")).isEqualTo(1);
  }

  @Test
  void outcomesAreCountedByStatus() {
    metrics.onOutcome(outcome(EpisodeStatus.COMPLETED));
    metrics.onOutcome(outcome(EpisodeStatus.COMPLETED));
    metrics.onOutcome(outcome(EpisodeStatus.FAILED));

    assertThat(outcomes("completed")).isEqualTo(2);
    assertThat(outcomes("failed")).isEqualTo(1);
    assertThat(outcomes("succeeded") + outcomes("cancelled")).isZero();
  }

  @Test
  void phaseTimersUseTheContractsBucketsAndNoPercentileHistogram() {
    metrics.record(
        moved(
            new PhaseLatencies(MS, 20 * MS, 400 * MS, 600 * MS, 1_021 * MS),
            new long[] {400 * MS},
            0.42,
            passed(),
            SubgoalSwitch.NONE));

    CountAtBucket[] buckets = phase("total").takeSnapshot().histogramCounts();
    assertThat(Arrays.stream(buckets).mapToDouble(b -> b.bucket(TimeUnit.SECONDS)).toArray())
        .containsExactly(
            0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);
    // 1.021 s: above the 1 s bucket, inside 2.5 s (buckets are cumulative).
    assertThat(buckets[9].count()).isZero();
    assertThat(buckets[10].count()).isEqualTo(1);
    assertThat(energy().takeSnapshot().histogramCounts())
        .extracting(CountAtBucket::bucket)
        .containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0);
    assertThat(
            Arrays.stream(frameAge().takeSnapshot().histogramCounts())
                .mapToDouble(b -> b.bucket(TimeUnit.SECONDS))
                .toArray())
        .containsExactly(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
  }

  @Test
  void unboundMetricsRecordNothingAndEachBoundRegistryRecords() {
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    new ControllerMetrics().record(held(HoldReason.NO_PLAN, Optional.empty()));
    metrics.bindTo(second);

    metrics.record(held(HoldReason.NO_PLAN, Optional.empty()));

    assertThat(steps("held")).isEqualTo(1);
    assertThat(second.get(MetricNames.STEPS).tag("outcome", "held").counter().count()).isEqualTo(1);
  }

  private static StepEvent moved(
      PhaseLatencies latencies,
      long[] iterationNanos,
      double energy,
      EnvelopeDecision decision,
      SubgoalSwitch subgoalSwitch) {
    Plan plan = new Plan(new float[1][7], energy, iterationNanos.length, false, iterationNanos, 0);
    MoveResult reached = new MoveResult(STATE, false, false, Duration.ZERO);
    return StepEvent.moved(stamp(latencies), plan, decision, reached, subgoalSwitch);
  }

  private static StepEvent held(HoldReason reason, Optional<EnvelopeDecision> decision) {
    return StepEvent.held(
        stamp(new PhaseLatencies(2 * MS, 0, 0, 0, 2 * MS)), reason, Optional.empty(), decision);
  }

  private static StepStamp stamp(PhaseLatencies latencies) {
    return new StepStamp("task-1", 0, 0, STATE, 1, 0, 5 * MS, latencies);
  }

  private static EnvelopeDecision passed() {
    return new EnvelopeDecision(COMMAND, EnvelopeOutcome.PASSED, Set.of(), Optional.empty(), "");
  }

  private static EpisodeOutcome outcome(EpisodeStatus status) {
    return new EpisodeOutcome("task-1", status, Optional.empty(), 3, 0, 3_000 * MS);
  }

  private Timer phase(String phase) {
    return registry.get(MetricNames.STEP_PHASE).tag(MetricNames.PHASE, phase).timer();
  }

  private double steps(String outcome) {
    return registry.get(MetricNames.STEPS).tag(MetricNames.OUTCOME, outcome).counter().count();
  }

  private Timer cemIteration() {
    return registry.get(MetricNames.CEM_ITERATION).timer();
  }

  private Timer frameAge() {
    return registry.get(MetricNames.CAMERA_FRAME_AGE).timer();
  }

  private DistributionSummary energy() {
    return registry.get(MetricNames.STEP_ENERGY).summary();
  }

  private double envelope(String outcome) {
    return registry
        .get(MetricNames.ENVELOPE_DECISIONS)
        .tag(MetricNames.OUTCOME, outcome)
        .counter()
        .count();
  }

  private double switches(String reason) {
    return registry
        .get(MetricNames.SUBGOAL_SWITCHES)
        .tag(MetricNames.REASON, reason)
        .counter()
        .count();
  }

  private double outcomes(String status) {
    return registry
        .get(MetricNames.TASK_OUTCOMES)
        .tag(MetricNames.STATUS, status)
        .counter()
        .count();
  }
}
