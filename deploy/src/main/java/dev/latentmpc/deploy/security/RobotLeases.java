package dev.latentmpc.deploy.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-robot leases of the operator API: which principal controls which robot.
 *
 * <p>A principal takes a free robot's lease with its first StartTask and holds it while any of its
 * StartTask streams on that robot is open. After the last one ends it keeps the lease for the
 * time-to-live, counted from its last command on the robot (the stream's end, a Cancel, a goal
 * upload, a StartTask: {@link #renew}), so that between two of its tasks nobody else can take the
 * arm. Once that time has passed without a command the lease has expired and the next principal may
 * take it. A zero time-to-live releases the lease as soon as the last stream ends.
 *
 * <p>Principals are told apart by name. Expiry is evaluated when asked, on the injected clock: no
 * thread, no timer. Thread-safe.
 */
public final class RobotLeases {
  private record Lease(Principal holder, int openStreams, Instant lastCommand) {}

  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

  /**
   * Creates an empty table.
   *
   * @param ttl how long a lease outlives its holder's last stream, from its last command
   * @param clock the clock commands are stamped with and expiry is judged on
   */
  public RobotLeases(Duration ttl, Clock clock) {
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
    }
  }

  /**
   * Opens a StartTask stream of {@code principal} on {@code robot}: takes the lease when it is free
   * or expired, renews it when {@code principal} holds it.
   *
   * @return the other principal holding the lease, when it is taken (nothing changes then)
   */
  public Optional<Principal> acquire(String robot, Principal principal) {
    Instant now = clock.instant();
    Principal[] conflict = new Principal[1];
    leases.compute(
        robot,
        (k, l) -> {
          if (l == null || !held(l, now)) {
            return new Lease(principal, 1, now);
          }
          if (sameHolder(l, principal)) {
            return new Lease(l.holder(), l.openStreams() + 1, now);
          }
          conflict[0] = l.holder();
          return l;
        });
    return Optional.ofNullable(conflict[0]);
  }

  /** Ends one StartTask stream on {@code robot}, which counts as its holder's last command. */
  public void release(String robot) {
    Instant now = clock.instant();
    leases.computeIfPresent(
        robot,
        (k, l) -> {
          int open = Math.max(0, l.openStreams() - 1);
          if (open == 0 && ttl.isZero()) {
            return null;
          }
          return new Lease(l.holder(), open, now);
        });
  }

  /** A command of {@code principal} on {@code robot}: renews the lease when it holds it. */
  public void renew(String robot, Principal principal) {
    Instant now = clock.instant();
    leases.computeIfPresent(
        robot,
        (k, l) ->
            sameHolder(l, principal) && held(l, now)
                ? new Lease(l.holder(), l.openStreams(), now)
                : l);
  }

  /** A command of {@code principal} that names no robot (a goal upload): renews all it holds. */
  public void renewAll(Principal principal) {
    for (String robot : leases.keySet()) {
      renew(robot, principal);
    }
  }

  /** Returns the principal holding {@code robot}'s lease now, if any. */
  public Optional<Principal> holder(String robot) {
    Lease l = leases.get(robot);
    return l != null && held(l, clock.instant()) ? Optional.of(l.holder()) : Optional.empty();
  }

  /** Returns when {@code robot}'s lease expires unless renewed; empty while a stream is open. */
  public Optional<Instant> expiry(String robot) {
    Lease l = leases.get(robot);
    if (l == null || l.openStreams() > 0 || !held(l, clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(l.lastCommand().plus(ttl));
  }

  private boolean held(Lease l, Instant now) {
    return l.openStreams() > 0 || now.isBefore(l.lastCommand().plus(ttl));
  }

  private static boolean sameHolder(Lease l, Principal principal) {
    return l.holder().name().equals(principal.name());
  }
}
