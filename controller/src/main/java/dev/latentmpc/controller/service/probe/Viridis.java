package dev.latentmpc.controller.service.probe;

/**
 * The viridis colour map (perceptually uniform, readable in grey and by colour-blind viewers),
 * approximated by linear interpolation between ten of its colours at equal steps.
 */
final class Viridis {

  private static final int[] ANCHORS = {
    0x440154, 0x482878, 0x3E4989, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6ECE58, 0xB5DE2B,
    0xFDE725
  };

  private Viridis() {}

  /** Returns the colour at {@code t} in [0, 1] (clamped) as 0xRRGGBB. */
  static int rgb(double t) {
    double clamped = Math.max(0, Math.min(1, t));
    double position = clamped * (ANCHORS.length - 1);
    int low = Math.min((int) position, ANCHORS.length - 2);
    double fraction = position - low;
    int result = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int a = (ANCHORS[low] >> shift) & 0xFF;
      int b = (ANCHORS[low + 1] >> shift) & 0xFF;
      result |= (int) Math.round(a + (b - a) * fraction) << shift;
    }
    return result;
  }
}
