package dev.latentmpc.simharness.render;

/**
 * A procedural texture for the table top: a checker of square cells whose brightness alternates by
 * ±{@code checkerContrast}, plus per-cell colour noise of amplitude {@code colorNoise}.
 *
 * <p>The table top is the upward face of a {@link Shape.Box} lying on the world's table plane z = 0
 * (the simulator's convention). The face is divided along the box's own axes into whole cells of
 * about {@code cellSizeM} (at most 96 per side). The noise is a hash of ({@code noiseSeed}, cell),
 * so the same texture always draws the same.
 *
 * @param cellSizeM cell side, 0.01..1 m
 * @param checkerContrast relative brightness difference of neighbouring cells, 0..0.5
 * @param colorNoise per-cell, per-channel noise amplitude relative to full scale, 0..0.3
 * @param noiseSeed seed of the cell noise
 */
public record TableTexture(
    double cellSizeM, double checkerContrast, double colorNoise, long noiseSeed) {

  /** No texture: the table is drawn in its plain colour. */
  public static final TableTexture NONE = new TableTexture(0.1, 0, 0, 0);

  /** Validates the ranges. */
  public TableTexture {
    if (!(cellSizeM >= 0.01 && cellSizeM <= 1)) {
      throw new IllegalArgumentException("cellSizeM must be in [0.01, 1], got " + cellSizeM);
    }
    if (!(checkerContrast >= 0 && checkerContrast <= 0.5)) {
      throw new IllegalArgumentException(
          "checkerContrast must be in [0, 0.5], got " + checkerContrast);
    }
    if (!(colorNoise >= 0 && colorNoise <= 0.3)) {
      throw new IllegalArgumentException("colorNoise must be in [0, 0.3], got " + colorNoise);
    }
  }

  /** True when the texture changes anything (otherwise the table top is drawn plain). */
  public boolean isVisible() {
    return checkerContrast > 0 || colorNoise > 0;
  }

  /**
   * The colour of cell (i, j) given the lit plain colour of the table top.
   *
   * @param litRgb the lit colour, 0..255 per channel, three values
   * @param out receives the cell colour, three values 0..255
   */
  void cellColor(int i, int j, double[] litRgb, double[] out) {
    double factor = ((i + j) & 1) == 0 ? 1 + checkerContrast : 1 - checkerContrast;
    for (int c = 0; c < 3; c++) {
      double noise = colorNoise * 255 * signedUnitHash(noiseSeed, i, j, c);
      out[c] = Math.max(0, Math.min(255, litRgb[c] * factor + noise));
    }
  }

  /** A uniform value in [−1, 1) from a SplitMix64-style mix of the arguments. */
  private static double signedUnitHash(long seed, int i, int j, int c) {
    long z = seed + 0x9E3779B97F4A7C15L * (1 + ((long) i << 42 ^ (long) j << 21 ^ c));
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-52 - 1;
  }
}
