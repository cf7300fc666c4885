package dev.latentmpc.worldmodel.onnx;

import java.util.Arrays;

/**
 * Expected name and shape of one graph input or output; a dimension of {@link #DYNAMIC} is a
 * symbolic axis (batch, samples, context tokens).
 */
record TensorContract(String name, long[] dims) {
  static final long DYNAMIC = -1;

  static TensorContract of(String name, long... dims) {
    return new TensorContract(name, dims);
  }

  @Override
  public String toString() {
    return name + " " + describe(dims);
  }

  /** Formats a shape with {@code ?} for symbolic axes. */
  static String describe(long[] dims) {
    return Arrays.toString(Arrays.stream(dims).mapToObj(d -> d < 0 ? "?" : "" + d).toArray());
  }
}
