/**
 * {@code latent-mpc operator}: the operator's command line against the operator API ({@code
 * latentmpc.control.v1.Control}) of a running server: upload goals, run a task with a live per-step
 * display (Ctrl-C cancels it), cancel, emergency stop and reset, status, server info and the energy
 * landscape. Errors become one line naming the fix, with exit status 2 for bad arguments and 1 for
 * an error status from the server.
 */
package dev.latentmpc.deploy.operator;
