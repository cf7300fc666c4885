package dev.latentmpc.simharness.world;

import dev.latentmpc.simharness.render.Rgb;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The graspable objects of the scene, with their sizes and colours. */
public enum ObjectKind {
  /** A 4 cm red cube. */
  CUBE("cube", 0.04, 0.04, new Rgb(210, 40, 35)),
  /** A blue cup, 3.5 cm radius, 8 cm tall (drawn with a handle, which the rules ignore). */
  CUP("cup", 0.07, 0.08, new Rgb(35, 80, 210));

  private final String cliName;
  private final double widthM;
  private final double heightM;
  private final Rgb color;

  ObjectKind(String cliName, double widthM, double heightM, Rgb color) {
    this.cliName = cliName;
    this.widthM = widthM;
    this.heightM = heightM;
    this.color = color;
  }

  /** Lower-case name ("cube", "cup"). */
  public String cliName() {
    return cliName;
  }

  /** Width (cube edge, cup diameter), metres. */
  public double widthM() {
    return widthM;
  }

  /** Height, metres. */
  public double heightM() {
    return heightM;
  }

  /** Surface colour. */
  public Rgb color() {
    return color;
  }

  /** Radius of a circle around the footprint (cube: half diagonal), metres. */
  public double footprintRadiusM() {
    return this == CUBE ? widthM / Math.sqrt(2) : widthM / 2;
  }

  /**
   * Parses "cube" or "cup" (case-insensitive).
   *
   * @param name the name
   * @return the kind
   * @throws IllegalArgumentException naming the valid values
   */
  public static ObjectKind parse(String name) {
    for (ObjectKind k : values()) {
      if (k.cliName.equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown object '"
            + name
            + "'; valid: "
            + Arrays.stream(values()).map(ObjectKind::cliName).collect(Collectors.joining(", ")));
  }
}
