package dev.latentmpc.simharness.render;

/**
 * An 8-bit RGB colour.
 *
 * @param r red 0..255
 * @param g green 0..255
 * @param b blue 0..255
 */
public record Rgb(int r, int g, int b) {
  /** Checks the channel ranges. */
  public Rgb {
    if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255) {
      throw new IllegalArgumentException("RGB channels are 0..255: " + r + "," + g + "," + b);
    }
  }
}
