package dev.latentmpc.controller.metrics;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.EpisodeStatus;
import dev.latentmpc.controller.loop.PhaseLatencies;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.controller.loop.SubgoalSwitch;
import dev.latentmpc.controller.safety.EnvelopeOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The step and task meters of {@link ControllerMetrics} on one registry, all registered up front so
 * that every series exists (at zero) before the first task: a rate over a series that appears with
 * its first increment misses that increment.
 */
final class StepMeters {
  private final Timer camera;
  private final Timer encode;
  private final Timer plan;
  private final Timer execute;
  private final Timer total;
  private final Counter moved;
  private final Counter held;
  private final Timer cemIteration;
  private final DistributionSummary energy;
  private final Timer frameAge;
  private final Map<EnvelopeOutcome, Counter> envelope;
  private final Map<SubgoalSwitch, Counter> switches;
  private final Map<EpisodeStatus, Counter> outcomes;

  StepMeters(MeterRegistry registry) {
    camera = phase(registry, "camera");
    encode = phase(registry, "encode");
    plan = phase(registry, "plan");
    execute = phase(registry, "execute");
    total = phase(registry, "total");
    moved = steps(registry, "moved");
    held = steps(registry, "held");
    cemIteration =
        latencyTimer(MetricNames.CEM_ITERATION, "Duration of one CEM iteration of a control step")
            .register(registry);
    energy =
        DistributionSummary.builder(MetricNames.STEP_ENERGY)
            .description("Elite energy of a control step's plan (lower is closer to the goal)")
            .serviceLevelObjectives(MetricBuckets.energy())
            .publishPercentileHistogram(false)
            .register(registry);
    frameAge =
        Timer.builder(MetricNames.CAMERA_FRAME_AGE)
            .description("Age of the camera frame a control step planned on, at its snapshot")
            .serviceLevelObjectives(MetricBuckets.frameAge())
            .publishPercentileHistogram(false)
            .register(registry);
    envelope =
        counters(
            EnvelopeOutcome.class,
            outcome ->
                Counter.builder(MetricNames.ENVELOPE_DECISIONS)
                    .description("Safety envelope decisions on planned actions and arm states")
                    .tag(MetricNames.OUTCOME, tagValue(outcome))
                    .register(registry));
    switches = new EnumMap<>(SubgoalSwitch.class);
    for (SubgoalSwitch reason : SubgoalSwitch.values()) {
      if (reason != SubgoalSwitch.NONE) {
        switches.put(
            reason,
            Counter.builder(MetricNames.SUBGOAL_SWITCHES)
                .description("Switches to the next sub-goal, by reason")
                .tag(MetricNames.REASON, tagValue(reason))
                .register(registry));
      }
    }
    outcomes =
        counters(
            EpisodeStatus.class,
            status ->
                Counter.builder(MetricNames.TASK_OUTCOMES)
                    .description("Tasks that ended, by outcome")
                    .tag(MetricNames.STATUS, tagValue(status))
                    .register(registry));
  }

  /** Records one step: its phases, moved or held, CEM iterations, energy, envelope, switch. */
  void record(StepEvent event) {
    PhaseLatencies latencies = event.latencies();
    camera.record(latencies.cameraNanos(), NANOSECONDS);
    // A phase the step did not reach is 0 in the event: leave it out rather than record a
    // zero-length phase (a stale-frame hold would otherwise pull the encode quantiles down).
    recordReached(encode, latencies.encodeNanos());
    recordReached(plan, latencies.planNanos());
    recordReached(execute, latencies.executeNanos());
    total.record(latencies.totalNanos(), NANOSECONDS);
    (event.moved() ? moved : held).increment();
    for (long nanos : event.planIterationNanos()) {
      cemIteration.record(nanos, NANOSECONDS);
    }
    frameAge.record(event.frameAgeNanos(), NANOSECONDS);
    if (Double.isFinite(event.energy())) {
      energy.record(event.energy());
    }
    event.envelope().ifPresent(decision -> envelope.get(decision.outcome()).increment());
    Counter switched = switches.get(event.subgoalSwitch());
    if (switched != null) {
      switched.increment();
    }
  }

  /** Counts one ended task. */
  void record(EpisodeOutcome outcome) {
    outcomes.get(outcome.status()).increment();
  }

  private static void recordReached(Timer timer, long nanos) {
    if (nanos > 0) {
      timer.record(nanos, NANOSECONDS);
    }
  }

  private static Timer phase(MeterRegistry registry, String phase) {
    return latencyTimer(MetricNames.STEP_PHASE, "Duration of one control step's phase")
        .tag(MetricNames.PHASE, phase)
        .register(registry);
  }

  private static Counter steps(MeterRegistry registry, String outcome) {
    return Counter.builder(MetricNames.STEPS)
        .description("Control steps, by whether they moved the arm or held")
        .tag(MetricNames.OUTCOME, outcome)
        .register(registry);
  }

  /** A timer with the contract's latency buckets (1 ms … 60 s) and no percentile histogram. */
  static Timer.Builder latencyTimer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .serviceLevelObjectives(MetricBuckets.latency())
        .publishPercentileHistogram(false);
  }

  private static <E extends Enum<E>> Map<E, Counter> counters(
      Class<E> type, Function<E, Counter> register) {
    Map<E, Counter> counters = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      counters.put(value, register.apply(value));
    }
    return counters;
  }

  /** Returns the contract's tag value of an enum constant: its name in lower case. */
  static String tagValue(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
