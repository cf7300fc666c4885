package dev.latentmpc.worldmodel;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Typed view of a bundle's {@code model.json} (format {@value #FORMAT}, version {@value
 * #FORMAT_VERSION}; see {@code world-model/BUNDLE.md}).
 *
 * <p>Instances come from {@link #load(Path)}, which reports a missing or malformed field by its
 * JSON path and verifies the sha256 of every listed file.
 *
 * @param name bundle name, e.g. {@code tiny-random}
 * @param opset ONNX opset the graphs were exported with
 * @param computeDtype dtype used inside the graphs ({@code float32}, {@code float16}, ...); graph
 *     inputs and outputs are float32 whatever it is
 * @param input frame preprocessing expected by the encoder
 * @param encoder encoder hyper-parameters
 * @param predictor action-conditioned predictor hyper-parameters
 * @param latent layout of one frame's latent
 * @param energy fused energy graphs, one per exported horizon, ascending horizon
 * @param flops matrix-product FLOPs per call, for achieved-throughput reports
 * @param conventions free-text conventions (state, action, pose update, energy)
 * @param stateConvention what the state vector means (point of the hand, Euler convention, gripper
 *     scale), which a robot must share before the service plans with this model
 * @param provenance where the weights came from; values as parsed from JSON
 * @param files every bundle file with its sha256 and size, by file name
 */
public record ModelSpec(
    String name,
    int opset,
    String computeDtype,
    InputSpec input,
    EncoderSpec encoder,
    PredictorSpec predictor,
    LatentSpec latent,
    List<EnergyGraph> energy,
    Flops flops,
    Map<String, String> conventions,
    StateConvention stateConvention,
    Map<String, Object> provenance,
    Map<String, BundleFile> files) {

  /** File name of the bundle description inside a bundle directory. */
  public static final String FILE_NAME = "model.json";

  /** Value of the {@code format} field. */
  public static final String FORMAT = "latent-mpc/model-bundle";

  /** Supported {@code format_version}. */
  public static final int FORMAT_VERSION = 1;

  /** Makes the collections unmodifiable, keeping the order of model.json. */
  public ModelSpec {
    energy = List.copyOf(energy);
    Objects.requireNonNull(stateConvention, "stateConvention");
    conventions = ordered(conventions);
    provenance = ordered(provenance);
    files = ordered(files);
  }

  private static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * Reads {@code bundleDir/model.json} and verifies every listed file's size and sha256.
   *
   * @throws BundleException naming the file and field at fault
   */
  public static ModelSpec load(Path bundleDir) {
    return load(bundleDir, true);
  }

  /**
   * Reads {@code bundleDir/model.json}; checks that every listed file exists with the listed size,
   * and when {@code verifyChecksums} is set also its sha256 (skip only for huge bundles whose
   * integrity is checked elsewhere, since hashing gigabytes takes seconds).
   *
   * @throws BundleException naming the file and field at fault
   */
  public static ModelSpec load(Path bundleDir, boolean verifyChecksums) {
    ModelSpec spec = new ModelSpecReader(bundleDir.resolve(FILE_NAME)).read();
    BundleFiles.verify(bundleDir, spec.files(), verifyChecksums);
    return spec;
  }

  /** Returns the exported energy horizons, ascending. */
  public List<Integer> energyHorizons() {
    return energy.stream().map(EnergyGraph::horizon).toList();
  }

  /** Returns the fused energy graph for {@code horizon}, if the bundle exports one. */
  public Optional<EnergyGraph> energyGraph(int horizon) {
    return energy.stream().filter(graph -> graph.horizon() == horizon).findFirst();
  }

  /** Returns the number of floats in one preprocessed clip, {@code 3 * tubelet * H * W}. */
  public int clipFloats() {
    return input.channels() * input.tubeletSize() * input.imageSize() * input.imageSize();
  }

  /**
   * Frame preprocessing expected by the encoder.
   *
   * @param imageSize side of the square encoder input in pixels
   * @param channels colour channels, 3 (RGB)
   * @param tubeletSize frames per clip; a single frame is repeated to fill it
   * @param resizeShortSide the short side is resized to this before the crop
   * @param crop crop mode, {@code center}
   * @param interpolation resize interpolation, {@code bilinear}
   * @param valueScale factor from 8-bit values to [0, 1], usually 1/255
   * @param mean per-channel mean subtracted after scaling
   * @param std per-channel standard deviation divided by after subtracting the mean
   * @param layout tensor layout, {@code batch,channel,time,height,width}
   */
  public record InputSpec(
      int imageSize,
      int channels,
      int tubeletSize,
      int resizeShortSide,
      String crop,
      String interpolation,
      double valueScale,
      List<Double> mean,
      List<Double> std,
      String layout) {

    /** Makes the lists unmodifiable. */
    public InputSpec {
      mean = List.copyOf(mean);
      std = List.copyOf(std);
    }
  }

  /**
   * Video encoder (ViT) hyper-parameters.
   *
   * @param file graph file name inside the bundle
   * @param embedDim token width
   * @param depth transformer blocks
   * @param numHeads attention heads
   * @param mlpHiddenDim MLP hidden width
   * @param patchSize spatial patch side in pixels
   * @param tubeletSize frames per temporal patch
   * @param params parameter count
   */
  public record EncoderSpec(
      String file,
      int embedDim,
      int depth,
      int numHeads,
      int mlpHiddenDim,
      int patchSize,
      int tubeletSize,
      long params) {}

  /**
   * Action-conditioned predictor hyper-parameters.
   *
   * @param file graph file name inside the bundle
   * @param embedDim token width inside the predictor
   * @param depth transformer blocks
   * @param numHeads attention heads
   * @param mlpHiddenDim MLP hidden width
   * @param maxFrames most context frames one call takes
   * @param actionDim action width, 7
   * @param stateDim state width, 7
   * @param condTokensPerFrame conditioning tokens per frame (action and state), 2
   * @param params parameter count
   */
  public record PredictorSpec(
      String file,
      int embedDim,
      int depth,
      int numHeads,
      int mlpHiddenDim,
      int maxFrames,
      int actionDim,
      int stateDim,
      int condTokensPerFrame,
      long params) {}

  /**
   * Layout of one frame's latent.
   *
   * @param tokensPerFrame tokens N, {@code gridHeight * gridWidth}
   * @param gridHeight patch rows
   * @param gridWidth patch columns
   * @param dim feature width D
   * @param normalization how the latent is normalised, {@code layer_norm_no_affine}
   */
  public record LatentSpec(
      int tokensPerFrame, int gridHeight, int gridWidth, int dim, String normalization) {}

  /**
   * A fused rollout + energy graph.
   *
   * @param file graph file name inside the bundle
   * @param horizon actions per sequence the graph takes
   */
  public record EnergyGraph(String file, int horizon) {}

  /**
   * Matrix-product FLOPs (multiply-adds × 2).
   *
   * @param encoderPerFrame one encoder call on one clip
   * @param energyPerSample one fused-energy evaluation of one sample, by horizon
   */
  public record Flops(double encoderPerFrame, Map<Integer, Double> energyPerSample) {

    /** Makes the map unmodifiable and sorted by horizon. */
    public Flops {
      energyPerSample = Collections.unmodifiableMap(new TreeMap<>(energyPerSample));
    }
  }

  /**
   * A file of the bundle as listed under {@code files}.
   *
   * @param sha256 lower-case hex sha256 of the contents
   * @param bytes size in bytes
   */
  public record BundleFile(String sha256, long bytes) {}
}
