package dev.latentmpc.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The lease table alone, on a clock the test moves. */
class RobotLeasesTest {
  private static final String ROBOT = "franka-panda";
  private static final Duration TTL = Duration.ofSeconds(60);
  private static final Principal ALICE = new Principal("alice", Role.OPERATOR);
  private static final Principal BOB = new Principal("bob", Role.OPERATOR);

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RobotLeases leases = new RobotLeases(TTL, clock);

  @Test
  void anOpenStreamHoldsTheLeaseHoweverLongItRuns() {
    assertThat(leases.acquire(ROBOT, ALICE)).isEmpty();
    clock.advance(Duration.ofHours(5));

    assertThat(leases.acquire(ROBOT, BOB)).contains(ALICE);
    assertThat(leases.holder(ROBOT)).contains(ALICE);
    assertThat(leases.expiry(ROBOT)).isEmpty();
  }

  @Test
  void afterItsTaskTheHolderKeepsTheLeaseForTheTtlThenAnyoneMayTakeIt() {
    leases.acquire(ROBOT, ALICE);
    clock.advance(Duration.ofSeconds(10));
    leases.release(ROBOT);
    Instant ended = clock.instant();

    assertThat(leases.expiry(ROBOT)).contains(ended.plus(TTL));
    clock.advance(TTL.minusNanos(1));
    assertThat(leases.acquire(ROBOT, BOB)).as("just before expiry").contains(ALICE);
    clock.advance(Duration.ofNanos(1));
    assertThat(leases.holder(ROBOT)).as("expired").isEmpty();
    assertThat(leases.acquire(ROBOT, BOB)).isEmpty();
    assertThat(leases.holder(ROBOT)).contains(BOB);
  }

  @Test
  void theHoldersCommandsRenewItAndOtherPrincipalsCommandsDoNot() {
    leases.acquire(ROBOT, ALICE);
    leases.release(ROBOT);
    clock.advance(Duration.ofSeconds(50));
    leases.renew(ROBOT, ALICE);
    leases.renew(ROBOT, BOB);
    clock.advance(Duration.ofSeconds(50));
    leases.renewAll(ALICE);
    leases.renewAll(BOB);
    clock.advance(Duration.ofSeconds(59));

    assertThat(leases.acquire(ROBOT, BOB)).contains(ALICE);
    clock.advance(Duration.ofSeconds(1));
    assertThat(leases.acquire(ROBOT, BOB)).isEmpty();
  }

  @Test
  void anExpiredLeaseIsNotRenewedByItsFormerHolder() {
    leases.acquire(ROBOT, ALICE);
    leases.release(ROBOT);
    clock.advance(TTL);
    leases.renew(ROBOT, ALICE);

    assertThat(leases.holder(ROBOT)).isEmpty();
  }

  @Test
  void theLeaseOutlivesOnlyTheLastOfTheHoldersStreams() {
    leases.acquire(ROBOT, ALICE);
    leases.acquire(ROBOT, ALICE); // a preempting second task while the first stream closes
    leases.release(ROBOT);
    clock.advance(TTL.multipliedBy(3));

    assertThat(leases.holder(ROBOT)).contains(ALICE);
    leases.release(ROBOT);
    clock.advance(TTL);
    assertThat(leases.holder(ROBOT)).isEmpty();
  }

  @Test
  void aZeroTtlReleasesTheLeaseWhenTheLastStreamEnds() {
    RobotLeases untimed = new RobotLeases(Duration.ZERO, clock);
    untimed.acquire(ROBOT, ALICE);
    untimed.release(ROBOT);

    assertThat(untimed.holder(ROBOT)).isEmpty();
    assertThat(untimed.acquire(ROBOT, BOB)).isEmpty();
  }

  /** A clock that moves only when the test advances it. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
