package dev.latentmpc.deploy.security;

/** What a principal may do on the operator API (see deploy/README.md, "Security"). */
public enum Role {
  /** Watches: status, server info, plans and landscapes that move nothing, and the e-stop. */
  VIEWER,
  /** Commands the arm: everything a viewer may, plus goals, tasks, cancel and e-stop reset. */
  OPERATOR;

  /** Returns whether this role includes {@code required}. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /** Returns the lower-case name used in token files and logs. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
