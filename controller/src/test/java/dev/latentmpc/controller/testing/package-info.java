/**
 * Test doubles of the controller's seams: an exact in-memory arm, a scripted camera, a manual
 * clock, a counting world-model wrapper and the committed untrained bundle; for servers, raw-bytes
 * gRPC calls ({@link dev.latentmpc.controller.testing.RawGrpc}), a recording SLF4J logger and a
 * recorder of java.util.logging records.
 */
package dev.latentmpc.controller.testing;
