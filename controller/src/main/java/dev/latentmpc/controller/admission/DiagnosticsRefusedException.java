package dev.latentmpc.controller.admission;

/**
 * A diagnostic call was not admitted, or waited too long: its message names the bound that refused
 * it. Meant for RESOURCE_EXHAUSTED at the gRPC edge.
 */
public final class DiagnosticsRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its client-facing message. */
  public DiagnosticsRefusedException(String message) {
    super(message);
  }
}
