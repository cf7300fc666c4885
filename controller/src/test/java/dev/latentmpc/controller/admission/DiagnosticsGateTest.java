package dev.latentmpc.controller.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentmpc.controller.admission.DiagnosticsGate.Admission;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate's bounds and its yielding to tasks, with calls waiting on other threads. */
class DiagnosticsGateTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void aFullQueueRefusesAtOnceNamingBothBounds() throws Exception {
    DiagnosticsGate gate = new DiagnosticsGate(new DiagnosticsLimits(1, 1, 4, LONG));
    Admission first = gate.admit("PlanOnce", "a", () -> false);
    CompletableFuture<Admission> second = admitLater(gate, "b");

    await(gate::queuedCalls, 1);
    assertThatThrownBy(() -> gate.admit("EnergyLandscape", "c", () -> false))
        .isInstanceOf(DiagnosticsRefusedException.class)
        .hasMessage(
            "EnergyLandscape refused: 1 diagnostic calls running and 1 waiting, the most allowed"
                + " (diagnostics.maxConcurrent=1, diagnostics.maxQueued=1); retry later");

    first.close();
    second.get(10, TimeUnit.SECONDS).close();
  }

  @Test
  void oneCallerMayHoldOnlyItsShare() throws Exception {
    DiagnosticsGate gate = new DiagnosticsGate(new DiagnosticsLimits(1, 8, 1, LONG));
    Admission vera = gate.admit("PlanOnce", "vera", () -> false);

    assertThatThrownBy(() -> gate.admit("PlanOnce", "vera", () -> false))
        .isInstanceOf(DiagnosticsRefusedException.class)
        .hasMessageContaining("'vera' already has 1 diagnostic calls running or waiting")
        .hasMessageContaining("diagnostics.maxPerPrincipal=1");
    CompletableFuture<Admission> walt = admitLater(gate, "walt");
    await(gate::queuedCalls, 1);

    vera.close();
    walt.get(10, TimeUnit.SECONDS).close();
    gate.admit("PlanOnce", "vera", () -> false).close(); // vera's share is free again
  }

  @Test
  void nothingStartsWhileATaskRunsAndWaitingIsBounded() {
    DiagnosticsGate gate = new DiagnosticsGate(new DiagnosticsLimits(1, 8, 4, Duration.ZERO));
    gate.taskStarted();

    assertThatThrownBy(() -> gate.admit("PlanOnce", "a", () -> false))
        .isInstanceOf(DiagnosticsRefusedException.class)
        .hasMessageStartingWith("PlanOnce waited 0 ms for its turn")
        .hasMessageContaining("(diagnostics.maxWaitMs=0)");

    gate.taskEnded();
    gate.admit("PlanOnce", "a", () -> false).close();
  }

  @Test
  void aRunningCallPausesWhileATaskRunsAndGoesOnWhenItEnds() throws Exception {
    DiagnosticsGate gate = new DiagnosticsGate(new DiagnosticsLimits(1, 8, 4, LONG));
    Admission running = gate.admit("PlanOnce", "a", () -> false);
    gate.taskStarted();
    AtomicBoolean passed = new AtomicBoolean();
    CompletableFuture<Void> nextModelCall =
        CompletableFuture.runAsync(
            () -> {
              running.awaitTurn();
              passed.set(true);
            },
            threads);
    CompletableFuture<Admission> queued = admitLater(gate, "b");
    await(gate::pausedCalls, 1);
    await(gate::queuedCalls, 1);

    assertThat(passed).as("paused while the task runs").isFalse();
    assertThat(queued).isNotDone();
    gate.taskEnded();
    nextModelCall.get(10, TimeUnit.SECONDS);
    assertThat(passed).isTrue();
    assertThat(gate.queuedCalls()).as("the running call keeps its place").isEqualTo(1);

    running.close();
    running.close(); // idempotent
    queued.get(10, TimeUnit.SECONDS).close();
  }

  @Test
  void aClientThatGivesUpStopsWaiting() throws Exception {
    DiagnosticsGate gate = new DiagnosticsGate(new DiagnosticsLimits(1, 8, 4, LONG));
    gate.taskStarted();
    AtomicBoolean cancelled = new AtomicBoolean();
    CompletableFuture<Admission> waiting =
        CompletableFuture.supplyAsync(() -> gate.admit("PlanOnce", "a", cancelled::get), threads);
    await(gate::queuedCalls, 1);

    cancelled.set(true);

    assertThat(waiting)
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(CancellationException.class)
        .withMessageContaining("cancelled while it waited for its turn");
    gate.taskEnded();
    gate.admit("PlanOnce", "a", () -> false).close(); // its place was given back
  }

  private CompletableFuture<Admission> admitLater(DiagnosticsGate gate, String principal) {
    return CompletableFuture.supplyAsync(
        () -> gate.admit("PlanOnce", principal, () -> false), threads);
  }

  /** Waits (at most 10 s) until {@code count} reads {@code expected}. */
  private static void await(IntSupplier count, int expected) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count.getAsInt() != expected && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(count.getAsInt()).isEqualTo(expected);
  }
}
