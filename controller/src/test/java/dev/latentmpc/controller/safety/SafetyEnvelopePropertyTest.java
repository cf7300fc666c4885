package dev.latentmpc.controller.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.arm.Delta;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded random property check: over random configurations, states (inside, near and far outside
 * the box, non-finite, huge) and actions (NaN, ±∞, huge, tiny, negative zero, malformed), no
 * command the envelope returns ever leaves the envelope, and rejections are exactly the cases the
 * specification names.
 */
class SafetyEnvelopePropertyTest {
  private static final Logger log = LoggerFactory.getLogger(SafetyEnvelopePropertyTest.class);
  private static final int CASES = 250_000;
  private static final long SEED = 0xE57E_10BEL;

  @Test
  void noReturnedCommandEverLeavesTheEnvelope(TestReporter reporter) {
    SplittableRandom random = new SplittableRandom(SEED);
    Map<EnvelopeOutcome, Integer> outcomes = new EnumMap<>(EnvelopeOutcome.class);
    for (int i = 0; i < CASES; i++) {
      EnvelopeConfig config = RandomCases.config(random);
      SafetyEnvelope envelope = new SafetyEnvelope(config);
      RandomCases.State state = RandomCases.state(random, config);
      RandomCases.Action action = RandomCases.action(random);
      EnvelopeDecision decision =
          action.delta() != null
              ? envelope.apply(state.state(), action.delta())
              : envelope.apply(state.state(), action.values());
      checkCase(i, config, envelope, state, action, decision);
      outcomes.merge(decision.outcome(), 1, Integer::sum);
    }
    reporter.publishEntry("cases", String.valueOf(CASES));
    reporter.publishEntry("outcomes", outcomes.toString());
    log.info("envelope property cases: {} ({})", CASES, outcomes);
    assertThat(outcomes.values()).allSatisfy(count -> assertThat(count).isGreaterThan(CASES / 20));
  }

  private static void checkCase(
      int i,
      EnvelopeConfig config,
      SafetyEnvelope envelope,
      RandomCases.State state,
      RandomCases.Action action,
      EnvelopeDecision decision) {
    String description = "case " + i + ": " + config + " " + state + " " + action;
    if (decision.outcome() == EnvelopeOutcome.REJECTED) {
      assertThat(decision.command()).as(description).isEqualTo(Delta.ZERO);
      assertThat(decision.rejection()).as(description).isPresent();
      assertThat(state.commandable() && action.wellFormed()).as(description).isFalse();
      return;
    }
    assertThat(state.commandable() && action.wellFormed()).as(description).isTrue();
    assertThat(EnvelopeOracle.violations(config, state.state(), decision.command()))
        .as(description + " -> " + decision)
        .isEmpty();
    assertThat(envelope.admits(state.state(), decision.command())).as(description).isTrue();
    Delta requested = action.requested();
    if (decision.outcome() == EnvelopeOutcome.PASSED) {
      assertThat(decision.command()).as(description).isEqualTo(requested);
    } else {
      assertThat(decision.command()).as(description).isNotEqualTo(requested);
      assertThat(decision.clampedBy()).as(description).isNotEmpty();
    }
  }

  @Test
  void randomCasesCoverEveryStateAndActionKind() {
    SplittableRandom random = new SplittableRandom(SEED);
    EnvelopeConfig config = EnvelopeConfig.defaults();
    int commandable = 0;
    int wellFormed = 0;
    for (int i = 0; i < 10_000; i++) {
      commandable += RandomCases.state(random, config).commandable() ? 1 : 0;
      wellFormed += RandomCases.action(random).wellFormed() ? 1 : 0;
    }
    assertThat(commandable).isBetween(4_000, 9_000);
    assertThat(wellFormed).isBetween(6_000, 9_900);
  }
}
