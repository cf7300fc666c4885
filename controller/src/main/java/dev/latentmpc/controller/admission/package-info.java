/**
 * Admission of diagnostic model work (PlanOnce, EnergyLandscape: calls any viewer may make) beside
 * the tasks that move the arm. {@link dev.latentmpc.controller.admission.DiagnosticsGate} bounds
 * how many run and wait and how many one caller holds, and makes them yield to running tasks: on a
 * CPU the two compete for the same cores, and a task's planning latency is what keeps the arm's
 * loop on time.
 */
package dev.latentmpc.controller.admission;
