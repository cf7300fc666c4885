package dev.latentmpc.deploy.security;

import java.time.Instant;
import java.util.Map;

/**
 * One command RPC, as the audit log records it.
 *
 * @param time when the call ended (for {@code ACCEPTED}: when the task started)
 * @param principal the caller's name; {@code -} when it did not authenticate
 * @param role the caller's role; {@code -} when it did not authenticate
 * @param rpc the method, e.g. {@code StartTask}
 * @param robot the robot the command addressed (empty: unknown or all)
 * @param arguments key arguments (goal ids, task id, reason, ...)
 * @param outcome the gRPC status code the call ended with, e.g. {@code OK}; {@code ACCEPTED} for
 *     the line a StartTask writes when its task starts (its status line follows at the end)
 * @param detail the status description, empty when none
 */
public record AuditEvent(
    Instant time,
    String principal,
    String role,
    String rpc,
    String robot,
    Map<String, String> arguments,
    String outcome,
    String detail) {
  /** Copies the arguments. */
  public AuditEvent {
    arguments = Map.copyOf(arguments);
  }
}
