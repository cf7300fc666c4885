package dev.latentmpc.simharness.bridge;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.proto.bridge.v1.EndEffectorDelta;
import io.grpc.Status;
import io.grpc.StatusException;
import java.time.Duration;

/**
 * Validates bridge requests before anything moves: every failure is INVALID_ARGUMENT naming the
 * field, its value and the allowed range.
 */
final class RequestChecks {
  /** Largest accepted {@code timeout_ms}. */
  static final int MAX_TIMEOUT_MS = 60_000;

  private RequestChecks() {}

  /** The delta of a {@code MoveDelta} request, checked against the per-call bounds. */
  static Delta delta(EndEffectorDelta d, BridgeInfo info) throws StatusException {
    double t = info.maxTranslationDeltaM();
    double r = info.maxRotationDeltaRad();
    return new Delta(
        bounded("delta.dx_m", d.getDxM(), t, "m"),
        bounded("delta.dy_m", d.getDyM(), t, "m"),
        bounded("delta.dz_m", d.getDzM(), t, "m"),
        bounded("delta.droll_rad", d.getDrollRad(), r, "rad"),
        bounded("delta.dpitch_rad", d.getDpitchRad(), r, "rad"),
        bounded("delta.dyaw_rad", d.getDyawRad(), r, "rad"),
        bounded("delta.dgripper", d.getDgripper(), 1.0, ""));
  }

  /** A target gripper closedness in [0, 1]. */
  static double closedness(double value) throws StatusException {
    if (!Double.isFinite(value) || value < 0 || value > 1) {
      throw invalid("gripper_closedness must be in [0, 1], got " + value);
    }
    return value;
  }

  /** A {@code timeout_ms} in [1, 60000]. */
  static Duration timeout(int timeoutMs) throws StatusException {
    // uint32 arrives as a Java int: values above 2^31 - 1 read as negative.
    if (timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
      throw invalid(
          "timeout_ms must be in [1, "
              + MAX_TIMEOUT_MS
              + "], got "
              + Integer.toUnsignedString(timeoutMs));
    }
    return Duration.ofMillis(timeoutMs);
  }

  /** A Heartbeat's {@code timeout_ms} in [0, 60000] (0 disarms the watchdog). */
  static Duration watchdogTimeout(int timeoutMs) throws StatusException {
    if (timeoutMs < 0 || timeoutMs > MAX_TIMEOUT_MS) {
      throw invalid(
          "timeout_ms must be in [0, "
              + MAX_TIMEOUT_MS
              + "] (0 disarms the watchdog), got "
              + Integer.toUnsignedString(timeoutMs));
    }
    return Duration.ofMillis(timeoutMs);
  }

  private static double bounded(String field, double value, double bound, String unit)
      throws StatusException {
    if (!Double.isFinite(value)) {
      throw invalid(field + " must be a finite number, got " + value);
    }
    if (Math.abs(value) > bound) {
      String u = unit.isEmpty() ? "" : " " + unit;
      throw invalid(field + " = " + value + u + " exceeds the per-call bound of ±" + bound + u);
    }
    return value;
  }

  static StatusException invalid(String description) {
    return Status.INVALID_ARGUMENT.withDescription(description.strip()).asException();
  }
}
