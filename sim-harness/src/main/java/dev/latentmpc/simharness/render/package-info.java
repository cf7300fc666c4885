/**
 * The simulated exocentric camera: shapes in, 8-bit RGB images out.
 *
 * <p>{@link dev.latentmpc.simharness.render.Shape} is what the simulated world hands over each
 * frame; {@link dev.latentmpc.simharness.render.CameraSpec} is the fixed pinhole camera (by default
 * Droid's left exterior view, adjustable 35–85° around the robot base); {@link
 * dev.latentmpc.simharness.render.Renderer} is a pure-Java z-buffered rasteriser with Lambert
 * shading, key-light shadows on the table and a room behind, deterministic to the byte; {@link
 * dev.latentmpc.simharness.render.AppearanceJitter} draws seeded lighting, texture and camera
 * variations for data diversity; {@link dev.latentmpc.simharness.render.CameraIOSim} serves frames
 * through the controller's {@code CameraIO}; {@link dev.latentmpc.simharness.render.PngImages}
 * writes images for people to look at.
 */
package dev.latentmpc.simharness.render;
