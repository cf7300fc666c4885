package dev.latentmpc.worldmodel.onnx;

import dev.latentmpc.worldmodel.ExecutionProvider;
import java.util.Objects;

/**
 * How {@link OnnxWorldModel} runs a bundle. Immutable and validated on construction; start from
 * {@link #defaults()} or {@link #builder()}.
 *
 * @param provider execution provider to ask for; CUDA and TensorRT fall back to the CPU, with the
 *     reason in {@link dev.latentmpc.worldmodel.RuntimeStatus}, when the runtime lacks them
 * @param deviceId GPU ordinal for CUDA and TensorRT
 * @param intraOpThreads threads inside one operator; 0 lets the runtime choose (one per core)
 * @param interOpThreads threads across independent operators; 0 lets the runtime choose
 * @param optimizationLevel graph optimisations applied when a session is created
 * @param verifyChecksums hash every bundle file against model.json before loading (file sizes are
 *     checked regardless); turn off only for huge bundles checked elsewhere
 */
public record RuntimeOptions(
    ExecutionProvider provider,
    int deviceId,
    int intraOpThreads,
    int interOpThreads,
    OptimizationLevel optimizationLevel,
    boolean verifyChecksums) {

  /** Graph optimisation levels, from none to all (layout changes included). */
  public enum OptimizationLevel {
    /** No optimisation; for debugging a graph. */
    DISABLED,
    /** Constant folding and redundant-node removal. */
    BASIC,
    /** Basic plus operator fusions. */
    EXTENDED,
    /** Everything, layout optimisations included; the default. */
    ALL
  }

  /** Validates the values. */
  public RuntimeOptions {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(optimizationLevel, "optimizationLevel");
    if (deviceId < 0) {
      throw new IllegalArgumentException("deviceId must be >= 0, got " + deviceId);
    }
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException(
          "thread counts must be >= 0 (0 = runtime default), got intraOpThreads="
              + intraOpThreads
              + " interOpThreads="
              + interOpThreads);
    }
  }

  /** Returns CPU, device 0, runtime-chosen threads, all optimisations, checksums verified. */
  public static RuntimeOptions defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    return new Builder()
        .provider(provider)
        .deviceId(deviceId)
        .intraOpThreads(intraOpThreads)
        .interOpThreads(interOpThreads)
        .optimizationLevel(optimizationLevel)
        .verifyChecksums(verifyChecksums);
  }

  /** Builder for {@link RuntimeOptions}; starts from the defaults. */
  public static final class Builder {
    private ExecutionProvider provider = ExecutionProvider.CPU;
    private int deviceId;
    private int intraOpThreads;
    private int interOpThreads;
    private OptimizationLevel optimizationLevel = OptimizationLevel.ALL;
    private boolean verifyChecksums = true;

    private Builder() {}

    /** Sets the execution provider to ask for. */
    public Builder provider(ExecutionProvider value) {
      provider = value;
      return this;
    }

    /** Sets the GPU ordinal. */
    public Builder deviceId(int value) {
      deviceId = value;
      return this;
    }

    /** Sets the intra-op thread count (0 = runtime default). */
    public Builder intraOpThreads(int value) {
      intraOpThreads = value;
      return this;
    }

    /** Sets the inter-op thread count (0 = runtime default). */
    public Builder interOpThreads(int value) {
      interOpThreads = value;
      return this;
    }

    /** Sets the graph optimisation level. */
    public Builder optimizationLevel(OptimizationLevel value) {
      optimizationLevel = value;
      return this;
    }

    /** Sets whether bundle files are hashed against model.json. */
    public Builder verifyChecksums(boolean value) {
      verifyChecksums = value;
      return this;
    }

    /** Returns validated options. */
    public RuntimeOptions build() {
      return new RuntimeOptions(
          provider, deviceId, intraOpThreads, interOpThreads, optimizationLevel, verifyChecksums);
    }
  }
}
