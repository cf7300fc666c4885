/**
 * Test doubles of the controller's seams: an exact in-memory arm, a scripted camera, a manual
 * clock, a counting world-model wrapper and the committed untrained bundle.
 */
package dev.latentmpc.controller.testing;
