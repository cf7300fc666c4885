/**
 * Test doubles of the controller's seams: an exact in-memory arm, a scripted camera, a manual
 * clock, a counting world-model wrapper and the committed untrained bundle; for servers, raw-bytes
 * gRPC calls ({@link dev.latentmpc.controller.testing.RawGrpc}), a recording SLF4J logger and a
 * recorder of java.util.logging records; servers run as child processes ({@link
 * dev.latentmpc.controller.testing.LoggedProcess}), e.g. the Python robot bridge.
 */
package dev.latentmpc.controller.testing;
