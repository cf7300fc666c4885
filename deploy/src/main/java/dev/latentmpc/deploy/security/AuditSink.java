package dev.latentmpc.deploy.security;

/** Where the audit records of command RPCs go; must be thread-safe. */
@FunctionalInterface
public interface AuditSink {
  /** Records one finished (or refused) command call. */
  void record(AuditEvent event);
}
