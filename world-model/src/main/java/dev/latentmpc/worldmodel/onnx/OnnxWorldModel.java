package dev.latentmpc.worldmodel.onnx;

import static dev.latentmpc.worldmodel.onnx.BundleContracts.ACTIONS;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.CONTEXT;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.ENERGIES;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.FRAMES;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.GOAL;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.LATENTS;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.NEXT_LATENTS;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.STATE;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.STATES;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.BoundEnergy;
import dev.latentmpc.worldmodel.BundleException;
import dev.latentmpc.worldmodel.Latent;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.RuntimeStatus;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.onnx.BundleContracts.GraphIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WorldModel} running a model bundle on ONNX Runtime.
 *
 * <p>{@link #open} reads and verifies model.json, creates one session per graph on the requested
 * execution provider (falling back to the CPU with a WARN and the reason in {@link #status()}) and
 * checks every graph's inputs and outputs against the bundle contract.
 *
 * <p>Thread-safe: ONNX Runtime sessions accept concurrent runs, and each call copies its inputs
 * into a set of native buffers that no other call uses at the same time (a small pool reuses them).
 * Planning binds its fixed inputs once per step ({@link #bindEnergy}), so a CEM iteration allocates
 * no tensor and no native memory. {@link #close()} waits for running calls, then frees the
 * sessions, the open bindings and the pooled buffers at once.
 */
public final class OnnxWorldModel implements WorldModel {
  private static final Logger log = LoggerFactory.getLogger(OnnxWorldModel.class);
  private static final long A = ActionBatch.ACTION_DIM;

  private final ModelSpec spec;
  private final OrtSession encoder;
  private final OrtSession predictor;
  private final Map<Integer, OrtSession> energy;
  private final RuntimeStatus status;
  private final ArgumentChecks checks;
  private final OrtEnvironment env;
  private final GraphRunner runner;
  private final Lifecycle lifecycle;

  private OnnxWorldModel(
      ModelSpec spec, OrtEnvironment env, List<OrtSession> sessions, RuntimeStatus status) {
    this.spec = spec;
    this.encoder = sessions.get(0);
    this.predictor = sessions.get(1);
    Map<Integer, OrtSession> byHorizon = new TreeMap<>();
    for (int i = 0; i < spec.energy().size(); i++) {
      byHorizon.put(spec.energy().get(i).horizon(), sessions.get(2 + i));
    }
    this.energy = byHorizon;
    this.status = status;
    this.checks = new ArgumentChecks(spec);
    this.env = env;
    this.runner = new GraphRunner(env);
    this.lifecycle = new Lifecycle(spec.name());
  }

  /**
   * Opens the bundle in {@code bundleDir}.
   *
   * @throws BundleException when the directory, model.json, a file's checksum or a graph does not
   *     honour the bundle contract; the message names the file and what is wrong
   */
  public static OnnxWorldModel open(Path bundleDir, RuntimeOptions options) {
    Objects.requireNonNull(bundleDir, "bundleDir");
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    if (!Files.isDirectory(bundleDir)) {
      throw new BundleException(
          bundleDir, "is not a directory; pass the folder that holds model.json");
    }
    ModelSpec spec = ModelSpec.load(bundleDir, options.verifyChecksums());
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    SessionFactory factory = new SessionFactory(env, options);
    List<OrtSession> sessions = new ArrayList<>();
    try {
      sessions.add(
          openGraph(factory, bundleDir, spec.encoder().file(), BundleContracts.encoder(spec)));
      sessions.add(
          openGraph(factory, bundleDir, spec.predictor().file(), BundleContracts.predictor(spec)));
      for (ModelSpec.EnergyGraph graph : spec.energy()) {
        GraphIo io = BundleContracts.energy(spec, graph.horizon());
        sessions.add(openGraph(factory, bundleDir, graph.file(), io));
      }
    } catch (RuntimeException e) {
      sessions.forEach(OnnxWorldModel::closeQuietly);
      throw e;
    }
    RuntimeStatus status = factory.status();
    log.info(
        "opened bundle '{}' from {} on {} (requested {}), energy horizons {}, in {} ms",
        spec.name(),
        bundleDir,
        status.activeProvider(),
        status.requestedProvider(),
        spec.energyHorizons(),
        (System.nanoTime() - started) / 1_000_000);
    return new OnnxWorldModel(spec, env, sessions, status);
  }

  private static OrtSession openGraph(
      SessionFactory factory, Path bundleDir, String fileName, GraphIo io) {
    Path file = bundleDir.resolve(fileName);
    OrtSession session = factory.open(file);
    try {
      GraphContract.check(file, session, io.inputs(), io.outputs());
      return session;
    } catch (RuntimeException e) {
      closeQuietly(session);
      throw e;
    }
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public RuntimeStatus status() {
    return status;
  }

  @Override
  public Latent encode(float[] frames) {
    checks.clip("frames", frames);
    return encodeChecked(List.of(frames)).get(0);
  }

  @Override
  public List<Latent> encode(List<float[]> clips) {
    if (clips == null || clips.isEmpty()) {
      throw new IllegalArgumentException("clips must hold at least one clip");
    }
    for (int i = 0; i < clips.size(); i++) {
      checks.clip("clips[" + i + "]", clips.get(i));
    }
    return encodeChecked(clips);
  }

  private List<Latent> encodeChecked(List<float[]> clips) {
    int batch = clips.size();
    int size = spec.input().imageSize();
    long[] shape = {batch, 3, spec.input().tubeletSize(), size, size};
    float[] out =
        guarded(() ->
            runner
                .call("encoder", encoder)
                .input(FRAMES, clips, shape)
                .run(LATENTS, latentShape(batch)));
    return splitLatents(out, batch);
  }

  @Override
  public Latent predict(List<Latent> context, float[][] actions, float[][] states) {
    int maxFrames = spec.predictor().maxFrames();
    if (context == null || context.isEmpty() || context.size() > maxFrames) {
      throw new IllegalArgumentException(
          "context must hold 1 to "
              + maxFrames
              + " latents (predictor.max_frames), got "
              + (context == null ? "null" : context.size()));
    }
    int frames = context.size();
    for (int i = 0; i < frames; i++) {
      checks.latent("context[" + i + "]", context.get(i));
    }
    checks.rows("actions", actions, frames);
    checks.rows("states", states, frames);
    List<float[]> latents = context.stream().map(Latent::values).toList();
    long tokens = (long) frames * spec.latent().tokensPerFrame();
    float[] out =
        guarded(() ->
            runner
                .call("predictor", predictor)
                .input(LATENTS, latents, 1, tokens, spec.latent().dim())
                .input(ACTIONS, Arrays.asList(actions), 1, frames, A)
                .input(STATES, Arrays.asList(states), 1, frames, A)
                .run(NEXT_LATENTS, latentShape(1)));
    return splitLatents(out, 1).get(0);
  }

  @Override
  public float[] energies(Latent context, float[] state, Latent goal, ActionBatch actions) {
    checks.latent("context", context);
    checks.vector7("state", state);
    checks.latent("goal", goal);
    checks.actions(actions);
    OrtSession session = energySession(actions.horizon());
    long n = spec.latent().tokensPerFrame();
    long d = spec.latent().dim();
    return guarded(() ->
        runner
            .call(energyGraphName(actions.horizon()), session)
            .input(CONTEXT, context.values(), 1, n, d)
            .input(STATE, state, 1, A)
            .input(GOAL, goal.values(), 1, n, d)
            .input(ACTIONS, actions.values(), actions.samples(), actions.horizon(), A)
            .run(ENERGIES, actions.samples()));
  }

  /**
   * Binds the energy graphs to one planning step: context, state and goal are checked and copied
   * into native tensors once; each call then only copies the actions in and the energies out (see
   * {@code EnergyBinding}). Closing the model closes the bindings still open.
   */
  @Override
  public BoundEnergy bindEnergy(Latent context, float[] state, Latent goal) {
    checks.latent("context", context);
    checks.vector7("state", state);
    checks.latent("goal", goal);
    return guarded(() -> {
      InputBuffers buffers = runner.pool().take();
      try {
        return lifecycle.register(
            new EnergyBinding(this, lifecycle, env, buffers, context, state, goal));
      } catch (RuntimeException e) {
        runner.pool().give(buffers);
        throw e;
      }
    });
  }

  /** Returns the number of energy bindings not closed yet (tests). */
  int openBindings() {
    return lifecycle.openBindings();
  }

  /** Returns the native bytes of the buffer sets waiting in the pool (tests). */
  long pooledBufferBytes() {
    return runner.pool().pooledBytes();
  }

  void checkActions(ActionBatch actions) {
    checks.actions(actions);
  }

  OrtSession energySession(int horizon) {
    OrtSession session = energy.get(horizon);
    if (session == null) {
      throw new IllegalArgumentException(
          "no fused energy graph for horizon "
              + horizon
              + "; the bundle exports horizons "
              + spec.energyHorizons());
    }
    return session;
  }

  static String energyGraphName(int horizon) {
    return "energy_h" + horizon;
  }

  void giveBack(InputBuffers buffers) {
    runner.pool().give(buffers);
  }

  /**
   * Releases the sessions, the open energy bindings and the pooled native buffers after running
   * calls finish; later calls throw. Idempotent.
   */
  @Override
  public void close() {
    boolean closedNow =
        lifecycle.close(() -> {
          closeQuietly(encoder);
          closeQuietly(predictor);
          energy.values().forEach(OnnxWorldModel::closeQuietly);
          runner.close();
        });
    if (closedNow) {
      log.info("closed bundle '{}'", spec.name());
    }
  }

  private long[] latentShape(long batch) {
    return new long[] {batch, spec.latent().tokensPerFrame(), spec.latent().dim()};
  }

  private List<Latent> splitLatents(float[] out, int batch) {
    int n = spec.latent().tokensPerFrame();
    int d = spec.latent().dim();
    if (batch == 1) {
      return List.of(new Latent(n, d, out));
    }
    List<Latent> latents = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      latents.add(new Latent(n, d, Arrays.copyOfRange(out, i * n * d, (i + 1) * n * d)));
    }
    return latents;
  }

  private <T> T guarded(Supplier<T> call) {
    return lifecycle.guarded(call);
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      log.warn("closing an ONNX Runtime session failed: {}", e.getMessage());
    }
  }
}
