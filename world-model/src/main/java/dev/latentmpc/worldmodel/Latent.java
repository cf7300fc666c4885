package dev.latentmpc.worldmodel;

import java.util.Arrays;
import java.util.Objects;

/**
 * The latent of one video frame: {@code tokens} patch tokens of {@code dim} features, row-major.
 *
 * <p>The array is not copied: a latent of the full-size model is 1.4 MB and the planner passes the
 * same latents to thousands of energy evaluations. Treat {@code values} as owned by the record and
 * never modify it after construction. Equality compares the contents.
 *
 * @param tokens number of tokens (patches per frame), positive
 * @param dim feature dimension per token, positive
 * @param values {@code tokens * dim} values, token-major
 */
public record Latent(int tokens, int dim, float[] values) {

  /** Validates the shape against the array length. */
  public Latent {
    if (tokens <= 0 || dim <= 0) {
      throw new IllegalArgumentException(
          "latent shape must be positive, got tokens=" + tokens + " dim=" + dim);
    }
    Objects.requireNonNull(values, "values");
    if ((long) tokens * dim != values.length) {
      throw new IllegalArgumentException(
          "latent of "
              + tokens
              + " tokens x "
              + dim
              + " needs "
              + (long) tokens * dim
              + " values, got "
              + values.length);
    }
  }

  /** Returns true when no value is NaN or infinite. */
  public boolean isFinite() {
    return FiniteCheck.firstNonFinite(values) < 0;
  }

  /**
   * Returns this latent, or throws {@link IllegalArgumentException} naming {@code argument} when a
   * value is NaN or infinite.
   *
   * @param argument the argument name to put in the message
   */
  public Latent requireFinite(String argument) {
    FiniteCheck.requireFinite(argument, values);
    return this;
  }

  /** Returns feature {@code feature} of token {@code token}. */
  public float value(int token, int feature) {
    Objects.checkIndex(token, tokens);
    Objects.checkIndex(feature, dim);
    return values[token * dim + feature];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Latent that
        && tokens == that.tokens
        && dim == that.dim
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * tokens + dim) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Latent[tokens=" + tokens + ", dim=" + dim + "]";
  }
}
