package dev.latentmpc.camera.opencv;

import java.util.Objects;

/**
 * A rectangle of the source frame to keep, in source pixels (before rotation).
 *
 * @param x left column, ≥ 0
 * @param y top row, ≥ 0
 * @param widthPx columns kept, positive
 * @param heightPx rows kept, positive
 */
public record Crop(int x, int y, int widthPx, int heightPx) {
  /** Checks the values. */
  public Crop {
    if (x < 0 || y < 0 || widthPx <= 0 || heightPx <= 0) {
      throw new IllegalArgumentException(
          "crop needs x, y >= 0 and a positive size, got " + describe(x, y, widthPx, heightPx));
    }
  }

  /**
   * Reads {@code "x,y,width,height"}.
   *
   * @throws IllegalArgumentException when there are not four integers or they are out of range
   */
  public static Crop parse(String text) {
    Objects.requireNonNull(text, "text is null");
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("crop must be x,y,width,height, got '" + text + "'");
    }
    int[] v = new int[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("crop must be x,y,width,height, got '" + text + "'");
      }
    }
    return new Crop(v[0], v[1], v[2], v[3]);
  }

  /** Whether the crop lies inside a {@code widthPx × heightPx} frame. */
  public boolean fits(int frameWidthPx, int frameHeightPx) {
    return (long) x + widthPx <= frameWidthPx && (long) y + heightPx <= frameHeightPx;
  }

  /** Returns the {@code x,y,width,height} form that {@link #parse} reads. */
  @Override
  public String toString() {
    return describe(x, y, widthPx, heightPx);
  }

  private static String describe(int x, int y, int w, int h) {
    return x + "," + y + "," + w + "," + h;
  }
}
