package dev.latentmpc.controller.admission;

import dev.latentmpc.controller.task.TaskListener;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Admits diagnostic calls under {@link DiagnosticsLimits} and makes them yield to running tasks.
 *
 * <p>A call is admitted ({@link #admit}) when fewer than {@code maxConcurrent} run, no call that
 * came earlier is waiting and no task runs; otherwise it waits in a first-come queue of at most
 * {@code maxQueued}. While it runs it calls {@link Admission#awaitTurn} before each world-model
 * call, which waits as long as a task runs: a diagnostic in progress when a task starts finishes
 * its current model call and then pauses until the task has ended, so a task's planning competes
 * with at most one model call of a diagnostic (the one in flight when the task started). A caller
 * may hold at most {@code maxPerPrincipal} calls running or waiting, and no call waits longer than
 * {@code maxWait} in all; each bound refuses with a {@link DiagnosticsRefusedException} naming it.
 * Waiting costs no CPU, so clients that loop on diagnostics while a task runs slow nothing down.
 *
 * <p>Tasks are reported by {@link #taskStarted} and {@link #taskEnded}, e.g. through {@link
 * #watching}. Thread-safe.
 */
public final class DiagnosticsGate {
  /** How often a waiting call looks whether its client gave up. */
  private static final long CANCEL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final DiagnosticsLimits limits;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Object> queue = new ArrayDeque<>(); // guarded by lock
  private final Map<String, Integer> perPrincipal = new HashMap<>(); // guarded by lock
  private int running; // guarded by lock
  private int paused; // guarded by lock
  private int tasks; // guarded by lock

  /** Creates a gate with no call running and no task. */
  public DiagnosticsGate(DiagnosticsLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Returns the bounds. */
  public DiagnosticsLimits limits() {
    return limits;
  }

  /**
   * Admits one call, waiting for its turn.
   *
   * @param call the call's name for messages, e.g. {@code PlanOnce}
   * @param principal who calls (the per-caller bound counts by this name)
   * @param cancelled whether the client gave up (polled while waiting)
   * @return the admission; close it when the call ends
   * @throws DiagnosticsRefusedException when a bound refuses the call
   * @throws CancellationException when the client gave up while it waited
   */
  public Admission admit(String call, String principal, BooleanSupplier cancelled) {
    Objects.requireNonNull(principal, "principal");
    lock.lock();
    try {
      int held = perPrincipal.getOrDefault(principal, 0);
      if (held >= limits.maxPerPrincipal()) {
        throw new DiagnosticsRefusedException(
            call
                + " refused: '"
                + principal
                + "' already has "
                + held
                + " diagnostic calls running or waiting, the most one caller may ("
                + DiagnosticsLimits.MAX_PER_PRINCIPAL_KEY
                + "="
                + limits.maxPerPrincipal()
                + ")");
      }
      if ((!mayRun() || !queue.isEmpty()) && queue.size() >= limits.maxQueued()) {
        throw new DiagnosticsRefusedException(
            call
                + " refused: "
                + running
                + " diagnostic calls running and "
                + queue.size()
                + " waiting, the most allowed ("
                + DiagnosticsLimits.MAX_CONCURRENT_KEY
                + "="
                + limits.maxConcurrent()
                + ", "
                + DiagnosticsLimits.MAX_QUEUED_KEY
                + "="
                + limits.maxQueued()
                + "); retry later");
      }
      Object ticket = new Object();
      queue.add(ticket);
      perPrincipal.merge(principal, 1, Integer::sum);
      Admission admission = new Admission(call, principal, cancelled);
      try {
        while (queue.peek() != ticket || !mayRun()) {
          admission.await("its turn");
        }
      } catch (RuntimeException e) {
        release(principal);
        throw e;
      } finally {
        queue.remove(ticket);
      }
      running++;
      changed.signalAll(); // with maxConcurrent > 1 the next one may run too
      return admission;
    } finally {
      lock.unlock();
    }
  }

  private boolean mayRun() {
    return running < limits.maxConcurrent() && tasks == 0;
  }

  /** A task started: diagnostics pause at their next model call until it ends. */
  public void taskStarted() {
    lock.lock();
    try {
      tasks++;
    } finally {
      lock.unlock();
    }
  }

  /** A task ended (its arm stopped): diagnostics may go on once no task runs. */
  public void taskEnded() {
    lock.lock();
    try {
      tasks = Math.max(0, tasks - 1);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns {@code observer} with this gate told when each task starts and ends (a task runner's
   * observer sees every task of its robot).
   */
  public TaskListener watching(TaskListener observer) {
    return new TaskActivity(this, observer);
  }

  /** Returns how many tasks run, as reported. */
  public int runningTasks() {
    return locked(() -> tasks);
  }

  /** Returns how many calls wait for their turn. */
  public int queuedCalls() {
    return locked(queue::size);
  }

  /** Returns how many admitted calls are paused while a task runs. */
  public int pausedCalls() {
    return locked(() -> paused);
  }

  private int locked(IntSupplier read) {
    lock.lock();
    try {
      return read.getAsInt();
    } finally {
      lock.unlock();
    }
  }

  private void release(String principal) {
    perPrincipal.computeIfPresent(principal, (k, n) -> n == 1 ? null : n - 1);
    changed.signalAll();
  }

  /** One admitted call: yields to tasks before each model call, and frees its place on close. */
  public final class Admission implements AutoCloseable {
    private final String call;
    private final String principal;
    private final BooleanSupplier cancelled;
    private final long waitLimitNanos = limits.maxWait().toNanos();
    private long waitedNanos; // guarded by lock
    private boolean closed; // guarded by lock

    private Admission(String call, String principal, BooleanSupplier cancelled) {
      this.call = call;
      this.principal = principal;
      this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
    }

    /**
     * Waits while a task runs; call before each world-model call. Also where a call whose client
     * gave up (or whose server is shutting down) stops.
     *
     * @throws DiagnosticsRefusedException when the call has waited {@code maxWait} in all
     * @throws CancellationException when the client gave up
     */
    public void awaitTurn() {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException(call + " was cancelled");
      }
      lock.lock();
      try {
        if (tasks > 0) {
          paused++;
          try {
            while (tasks > 0) {
              await("the running task to end");
            }
          } finally {
            paused--;
          }
        }
      } finally {
        lock.unlock();
      }
    }

    /** Waits for a change of the gate's state, counting the time against {@code maxWait}. */
    private void await(String forWhat) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException(call + " was cancelled while it waited for " + forWhat);
      }
      long left = waitLimitNanos - waitedNanos;
      if (left <= 0) {
        throw new DiagnosticsRefusedException(
            call
                + " waited "
                + TimeUnit.NANOSECONDS.toMillis(waitedNanos)
                + " ms for "
                + forWhat
                + ", the longest a diagnostic call may wait ("
                + DiagnosticsLimits.MAX_WAIT_MS_KEY
                + "="
                + limits.maxWait().toMillis()
                + "); diagnostics yield to running tasks, retry when none runs");
      }
      long start = System.nanoTime();
      try {
        changed.awaitNanos(Math.min(left, CANCEL_POLL_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException(call + " was interrupted while it waited for " + forWhat);
      } finally {
        waitedNanos += System.nanoTime() - start;
      }
    }

    /** Frees the call's place; idempotent. */
    @Override
    public void close() {
      lock.lock();
      try {
        if (!closed) {
          closed = true;
          running--;
          release(principal);
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
