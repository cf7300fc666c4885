package dev.latentmpc.controller.bridge;

import dev.latentmpc.controller.arm.ArmIO;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.arm.ArmUnavailableException;
import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.controller.arm.MoveResult;
import dev.latentmpc.controller.arm.StateConventionException;
import dev.latentmpc.proto.bridge.v1.EndEffectorDelta;
import dev.latentmpc.proto.bridge.v1.EndEffectorState;
import dev.latentmpc.proto.bridge.v1.GetInfoRequest;
import dev.latentmpc.proto.bridge.v1.GetInfoResponse;
import dev.latentmpc.proto.bridge.v1.GetStateRequest;
import dev.latentmpc.proto.bridge.v1.GetStateResponse;
import dev.latentmpc.proto.bridge.v1.MoveDeltaRequest;
import dev.latentmpc.proto.bridge.v1.MoveDeltaResponse;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc.RobotBridgeBlockingStub;
import dev.latentmpc.proto.bridge.v1.StopRequest;
import dev.latentmpc.worldmodel.StateConvention;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ArmIO} over a robot bridge: the Franka (or its simulation) behind {@code
 * latentmpc.bridge.v1.RobotBridge}, reached through a {@link BridgeChannel}.
 *
 * <p>Every call has a deadline: {@link BridgeClientConfig#callDeadline()} for GetState, GetInfo and
 * Stop; for MoveDelta the move's timeout (sent as {@code timeout_ms}, so the bridge stops the arm
 * when it runs out) plus {@link BridgeClientConfig#moveMargin()}. Failures map to the seam's
 * exceptions:
 *
 * <ul>
 *   <li>UNAVAILABLE (bridge or robot down, or a failed TLS handshake), FAILED_PRECONDITION (another
 *       motion runs), UNAUTHENTICATED (token missing or refused), a missed deadline on GetState or
 *       Stop, and any other status → {@link ArmUnavailableException} naming the call, the bridge's
 *       address, what went wrong (for the channel's security: why, e.g. the certificate not
 *       chaining to the trusted CA) and the status, with the gRPC failure as its cause;
 *   <li>DEADLINE_EXCEEDED on MoveDelta → {@link TimeoutException}; the bridge has stopped the arm,
 *       and a Stop is sent as well;
 *   <li>INVALID_ARGUMENT → {@link IllegalArgumentException} with the bridge's description.
 * </ul>
 *
 * <p>After a failed move a best-effort Stop follows (its outcome is in the message), except after
 * INVALID_ARGUMENT and FAILED_PRECONDITION, which the protocol defines as "this call moved nothing"
 * (and a busy arm belongs to another client's motion), and after UNAUTHENTICATED and
 * PERMISSION_DENIED (the bridge refused the call before it ran; a Stop would be refused too). While
 * the bridge is down calls fail fast; the first call after it is back reconnects (see {@link
 * BridgeChannel}).
 *
 * <p>Watchdog: a move first arms the bridge's watchdog and heartbeats keep it armed until the next
 * {@link #stop()} ({@link BridgeHeartbeat}, {@link BridgeClientConfig#heartbeatTimeout()}): a task
 * ends with a stop, so the bridge stops the arm by itself if this process goes silent mid-task.
 *
 * <p>Non-finite deltas and timeouts outside MoveDelta's range are refused here, before anything is
 * sent. States are stamped with this client's monotonic receive time from the injected clock (the
 * bridge's wall-clock read time is not trusted across machines). Thread-safe; {@link #stop()} may
 * be called while another thread waits in {@link #moveDelta}.
 */
public final class ArmIOBridge implements ArmIO {
  private static final Logger LOG = LoggerFactory.getLogger(ArmIOBridge.class);

  /** Longest move timeout the protocol accepts ({@code timeout_ms} ≤ 60000). */
  public static final Duration MAX_MOVE_TIMEOUT = Duration.ofSeconds(60);

  private final BridgeChannel channel;
  private final BridgeClientConfig config;
  private final BridgeCalls calls;
  private final BridgeHeartbeat heartbeat;
  private final LongSupplier nanosClock;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the client over {@code channel}, which it owns from now on.
   *
   * @param channel the connection to the bridge; closed by {@link #close()}
   * @param nanosClock monotonic nanoseconds ({@code System::nanoTime} or a test clock) that states
   *     are stamped with on receipt
   */
  public ArmIOBridge(BridgeChannel channel, LongSupplier nanosClock) {
    this.channel = Objects.requireNonNull(channel, "channel is null");
    this.nanosClock = Objects.requireNonNull(nanosClock, "nanosClock is null");
    this.config = channel.config();
    this.calls = new BridgeCalls(channel);
    this.heartbeat = new BridgeHeartbeat(calls, config);
  }

  /**
   * Opens a channel to {@code config.address()} (TLS and token as {@code config.security()} says)
   * and a client over it.
   *
   * @param config address, deadlines and timeouts
   * @param nanosClock monotonic nanoseconds that states are stamped with
   * @return the client; nothing connects until the first call
   */
  public static ArmIOBridge connect(BridgeClientConfig config, LongSupplier nanosClock) {
    return new ArmIOBridge(BridgeChannel.open(config), nanosClock);
  }

  /**
   * Opens a channel to {@code config.address()} (TLS and token as {@code config.security()} says)
   * whose calls are timed and counted on {@code registry} (see {@link BridgeChannel}), and a client
   * over it.
   *
   * @param config address, deadlines and timeouts
   * @param nanosClock monotonic nanoseconds that states are stamped with
   * @param registry where the bridge call meters live
   * @return the client; nothing connects until the first call
   */
  public static ArmIOBridge connect(
      BridgeClientConfig config, LongSupplier nanosClock, MeterRegistry registry) {
    return new ArmIOBridge(BridgeChannel.open(config, registry), nanosClock);
  }

  @Override
  public ArmState read() throws ArmUnavailableException {
    ensureOpen();
    GetStateResponse response =
        call("GetState", stub -> stub.getState(GetStateRequest.getDefaultInstance()));
    long receivedNanos = nanosClock.getAsLong();
    if (!response.hasState()) {
      throw new ArmUnavailableException(
          "GetState to the robot bridge at " + calls.address() + " answered without a state");
    }
    return toArmState(response.getState(), receivedNanos);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One GetInfo call each time, never cached: the service asks at every task start, so a bridge
   * restarted with another TCP configuration is noticed before the next task plans.
   *
   * @throws StateConventionException when the bridge leaves {@code
   *     GetInfoResponse.state_convention} unset (an older bridge) or fills it with an empty name or
   *     a non-finite number
   */
  @Override
  public StateConvention stateConvention()
      throws ArmUnavailableException, StateConventionException {
    ensureOpen();
    GetInfoResponse info =
        call("GetInfo", stub -> stub.getInfo(GetInfoRequest.getDefaultInstance()));
    return BridgeConventions.fromInfo(info, calls.address());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks at most {@code timeout} plus {@link BridgeClientConfig#moveMargin()}. {@code timeout}
   * is sent rounded up to whole milliseconds.
   *
   * @throws IllegalArgumentException when the delta is not finite or the timeout is not in (0, 60
   *     s] (nothing is sent), or when the bridge rejects the move (nothing moved)
   */
  @Override
  public MoveResult moveDelta(Delta delta, Duration timeout)
      throws ArmUnavailableException, TimeoutException {
    MoveDeltaRequest request = request(delta, timeout);
    ensureOpen();
    heartbeat.engage();
    Duration deadline = timeout.plus(config.moveMargin());
    MoveDeltaResponse response;
    try {
      response = calls.run(deadline, config.connectTimeout(), stub -> stub.moveDelta(request));
    } catch (StatusRuntimeException e) {
      throw moveFailure(e, timeout, deadline);
    } catch (InterruptedException e) {
      throw interrupted("MoveDelta", e);
    }
    long receivedNanos = nanosClock.getAsLong();
    if (!response.hasReached()) {
      throw new ArmUnavailableException(
          "MoveDelta to the robot bridge at " + calls.address() + " answered without a state");
    }
    return new MoveResult(
        toArmState(response.getReached(), receivedNanos),
        response.getClampedByWorkspace(),
        response.getClampedByTable(),
        Duration.ofNanos(Math.max(0, response.getDurationNanos())));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Delivered even from an interrupted thread: the interrupt flag is cleared for the call and
   * restored afterwards, since an interrupted gRPC call would be cancelled before it is sent.
   */
  @Override
  public void stop() throws ArmUnavailableException {
    ensureOpen();
    try {
      sendStop();
    } finally {
      heartbeat.release();
    }
  }

  /** Sends a best-effort Stop, then shuts the channel down (bounded waits). Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      sendStop();
    } catch (ArmUnavailableException e) {
      LOG.warn("could not stop the arm while closing: {}", e.getMessage());
    }
    heartbeat.close();
    channel.close();
  }

  /**
   * One call within the configured deadline; a failed status or an interrupt while connecting
   * becomes an {@link ArmUnavailableException} that names the call and the bridge.
   */
  private <T> T call(String rpc, Function<RobotBridgeBlockingStub, T> request)
      throws ArmUnavailableException {
    try {
      return calls.run(config.callDeadline(), config.connectTimeout(), request);
    } catch (StatusRuntimeException e) {
      throw new ArmUnavailableException(calls.describe(rpc, e, config.callDeadline()), e);
    } catch (InterruptedException e) {
      throw interrupted(rpc, e);
    }
  }

  private void sendStop() throws ArmUnavailableException {
    boolean wasInterrupted = Thread.interrupted();
    try {
      calls.run(
          config.callDeadline(),
          config.connectTimeout(),
          stub -> stub.stop(StopRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      throw new ArmUnavailableException(calls.describe("Stop", e, config.callDeadline()), e);
    } catch (InterruptedException e) {
      wasInterrupted = true;
      throw new ArmUnavailableException(
          "interrupted while connecting to the robot bridge at " + calls.address() + " for Stop",
          e);
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Maps a failed move, sending a Stop first unless the status says this call moved nothing.
   *
   * @return the {@link ArmUnavailableException} to throw
   * @throws TimeoutException for DEADLINE_EXCEEDED
   * @throws IllegalArgumentException for INVALID_ARGUMENT
   */
  private ArmUnavailableException moveFailure(
      StatusRuntimeException e, Duration timeout, Duration deadline) throws TimeoutException {
    Status.Code code = e.getStatus().getCode();
    if (code == Status.Code.INVALID_ARGUMENT) {
      throw new IllegalArgumentException(
          "the robot bridge at "
              + calls.address()
              + " rejected the move, nothing moved: "
              + e.getStatus().getDescription(),
          e);
    }
    String message = calls.describe("MoveDelta", e, deadline);
    if (code == Status.Code.FAILED_PRECONDITION
        || code == Status.Code.UNAUTHENTICATED
        || code == Status.Code.PERMISSION_DENIED) {
      return new ArmUnavailableException(message + "; nothing moved", e);
    }
    String stopped = stopAfterFailedMove();
    if (code == Status.Code.DEADLINE_EXCEEDED) {
      TimeoutException timedOut =
          new TimeoutException(
              "the move did not finish within its "
                  + timeout.toMillis()
                  + " ms timeout; the bridge stops the arm, "
                  + stopped
                  + " ("
                  + message
                  + ")");
      timedOut.initCause(e);
      throw timedOut;
    }
    return new ArmUnavailableException(message + "; " + stopped, e);
  }

  /** Sends a best-effort Stop after a failed move; says whether it was delivered. */
  private String stopAfterFailedMove() {
    try {
      sendStop();
      return "Stop delivered";
    } catch (ArmUnavailableException stopFailure) {
      LOG.warn("could not stop the arm after a failed move: {}", stopFailure.getMessage());
      return "Stop not delivered: " + stopFailure.getMessage();
    }
  }

  private static MoveDeltaRequest request(Delta delta, Duration timeout) {
    Objects.requireNonNull(delta, "delta is null");
    Objects.requireNonNull(timeout, "timeout is null");
    if (!delta.isFinite()) {
      throw new IllegalArgumentException(
          "delta must be finite, got " + delta + "; nothing was sent");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_MOVE_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "timeout must be in (0, 60 s] (MoveDelta's timeout_ms range), got "
              + timeout
              + "; nothing was sent");
    }
    long timeoutMs = Math.ceilDiv(timeout.toNanos(), 1_000_000L);
    return MoveDeltaRequest.newBuilder()
        .setDelta(
            EndEffectorDelta.newBuilder()
                .setDxM(delta.dxM())
                .setDyM(delta.dyM())
                .setDzM(delta.dzM())
                .setDrollRad(delta.dRollRad())
                .setDpitchRad(delta.dPitchRad())
                .setDyawRad(delta.dYawRad())
                .setDgripper(delta.dGripper()))
        .setTimeoutMs((int) timeoutMs)
        .build();
  }

  private static ArmState toArmState(EndEffectorState s, long receivedNanos) {
    return new ArmState(
        s.getXM(),
        s.getYM(),
        s.getZM(),
        s.getRollRad(),
        s.getPitchRad(),
        s.getYawRad(),
        s.getGripperClosedness(),
        receivedNanos);
  }

  private ArmUnavailableException interrupted(String rpc, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new ArmUnavailableException(
        "interrupted while connecting to the robot bridge at " + calls.address() + " for " + rpc,
        e);
  }

  private void ensureOpen() throws ArmUnavailableException {
    if (closed.get()) {
      throw new ArmUnavailableException(
          "the arm client for the robot bridge at " + calls.address() + " is closed");
    }
  }
}
