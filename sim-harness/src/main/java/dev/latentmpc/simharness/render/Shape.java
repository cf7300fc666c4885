package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;

/**
 * A solid primitive to draw, in world coordinates (metres, robot base frame, z up).
 *
 * <p>The world model of the simulator hands the renderer a list of these each frame; the renderer
 * knows nothing of arms or tasks.
 */
public sealed interface Shape permits Shape.Box, Shape.Cylinder, Shape.Sphere {
  /** Surface colour. */
  Rgb color();

  /**
   * An oriented box.
   *
   * @param pose centre and orientation of the box
   * @param halfExtentsM half sizes along the box's local x, y, z axes
   * @param color surface colour
   */
  record Box(Pose pose, Vec3 halfExtentsM, Rgb color) implements Shape {}

  /**
   * A closed cylinder whose axis is the local z axis, centred on the pose origin.
   *
   * @param pose centre and orientation
   * @param radiusM radius
   * @param halfLengthM half the length along local z
   * @param color surface colour
   */
  record Cylinder(Pose pose, double radiusM, double halfLengthM, Rgb color) implements Shape {}

  /**
   * A sphere.
   *
   * @param centerM centre
   * @param radiusM radius
   * @param color surface colour
   */
  record Sphere(Vec3 centerM, double radiusM, Rgb color) implements Shape {}
}
