package dev.latentmpc.simharness.geom;

import java.util.Objects;

/**
 * A rigid transform: x ↦ rotation·x + translation (frame "child" expressed in frame "parent").
 *
 * @param rotation orientation of the child frame
 * @param translation origin of the child frame, metres
 */
public record Pose(Rot3 rotation, Vec3 translation) {
  /** The identity transform. */
  public static final Pose IDENTITY = new Pose(Rot3.IDENTITY, Vec3.ZERO);

  /** Checks the parts are present. */
  public Pose {
    Objects.requireNonNull(rotation, "rotation is null");
    Objects.requireNonNull(translation, "translation is null");
  }

  /** A pure translation. */
  public static Pose at(Vec3 translation) {
    return new Pose(Rot3.IDENTITY, translation);
  }

  /** Composition this ∘ child: first child, then this. */
  public Pose times(Pose child) {
    return new Pose(rotation.times(child.rotation), apply(child.translation));
  }

  /** Maps a point from the child frame to the parent frame. */
  public Vec3 apply(Vec3 point) {
    return rotation.apply(point).plus(translation);
  }

  /** The inverse transform. */
  public Pose inverse() {
    Rot3 t = rotation.transpose();
    return new Pose(t, t.apply(translation).times(-1));
  }
}
