package dev.latentmpc.worldmodel.onnx;

import static dev.latentmpc.worldmodel.onnx.BundleContracts.ACTIONS;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.CONTEXT;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.ENERGIES;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.GOAL;
import static dev.latentmpc.worldmodel.onnx.BundleContracts.STATE;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.latentmpc.worldmodel.ActionBatch;
import dev.latentmpc.worldmodel.BoundEnergy;
import dev.latentmpc.worldmodel.InferenceException;
import dev.latentmpc.worldmodel.Latent;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;

/**
 * The planning hot path of {@link OnnxWorldModel}: the context, state and goal tensors are made
 * once, at binding, on native buffers from the model's pool; each {@link #energies} call copies the
 * actions into a buffer that an action tensor already wraps, runs the energy graph with its output
 * pinned to another such buffer, and copies the energies out. Tensors, maps and buffers are made
 * again only when the batch shape changes, so a CEM plan (same shape every iteration) makes none
 * after its first iteration.
 *
 * <p>Confined to one thread; {@link #close()} closes the tensors and gives the buffers back to the
 * pool. The model closes the bindings still open when it closes.
 */
final class EnergyBinding implements BoundEnergy {
  private final OnnxWorldModel model;
  private final Lifecycle lifecycle;
  private final OrtEnvironment env;
  private final InputBuffers buffers;
  private final TensorSet fixed;
  private final Map<String, OnnxTensor> inputs = new HashMap<>();
  private final Map<String, OnnxTensor> pinned = new HashMap<>();
  private OnnxTensor actionTensor;
  private OnnxTensor energyTensor;
  private FloatBuffer actionBuffer;
  private FloatBuffer energyBuffer;
  private int samples;
  private int horizon;
  private boolean closed;

  /** Uploads the (already checked) fixed inputs; closes what it made if that fails. */
  EnergyBinding(
      OnnxWorldModel model,
      Lifecycle lifecycle,
      OrtEnvironment env,
      InputBuffers buffers,
      Latent context,
      float[] state,
      Latent goal) {
    this.model = model;
    this.lifecycle = lifecycle;
    this.env = env;
    this.buffers = buffers;
    this.fixed = new TensorSet(env);
    long n = context.tokens();
    long d = context.dim();
    try {
      fixed.add(CONTEXT, buffers.load(CONTEXT, context.values()), 1, n, d);
      fixed.add(STATE, buffers.load(STATE, state), 1, ActionBatch.ACTION_DIM);
      fixed.add(GOAL, buffers.load(GOAL, goal.values()), 1, n, d);
    } catch (OrtException e) {
      fixed.close();
      throw new InferenceException("binding the energy inputs failed: " + e.getMessage(), e);
    }
    inputs.putAll(fixed.inputs());
  }

  @Override
  public float[] energies(ActionBatch actions) {
    model.checkActions(actions);
    Lock read = lifecycle.readLock();
    read.lock();
    try {
      lifecycle.ensureOpen();
      if (closed) {
        throw new IllegalStateException("energy binding is closed");
      }
      return run(actions);
    } finally {
      read.unlock();
    }
  }

  private float[] run(ActionBatch actions) {
    OrtSession session = model.energySession(actions.horizon());
    try {
      shape(actions.samples(), actions.horizon());
      actionBuffer.put(0, actions.values());
      try (OrtSession.Result ignored = session.run(inputs, pinned)) {
        float[] energies = new float[samples];
        energyBuffer.get(0, energies);
        return energies;
      }
    } catch (OrtException e) {
      throw new InferenceException(
          OnnxWorldModel.energyGraphName(horizon) + " failed: " + e.getMessage(), e);
    }
  }

  /** Makes the action and energy tensors for this batch shape, unless they exist already. */
  private void shape(int newSamples, int newHorizon) throws OrtException {
    if (energyTensor != null && newSamples == samples && newHorizon == horizon) {
      return;
    }
    closeBatchTensors();
    samples = newSamples;
    horizon = newHorizon;
    int actionFloats = Math.multiplyExact(samples, horizon * ActionBatch.ACTION_DIM);
    actionBuffer = buffers.reserve(ACTIONS, actionFloats);
    energyBuffer = buffers.reserve(ENERGIES, samples);
    actionTensor =
        OnnxTensor.createTensor(
            env, actionBuffer, new long[] {samples, horizon, ActionBatch.ACTION_DIM});
    energyTensor = OnnxTensor.createTensor(env, energyBuffer, new long[] {samples});
    inputs.put(ACTIONS, actionTensor);
    pinned.put(ENERGIES, energyTensor);
  }

  private void closeBatchTensors() {
    if (actionTensor != null) {
      actionTensor.close();
      actionTensor = null;
    }
    if (energyTensor != null) {
      energyTensor.close();
      energyTensor = null;
    }
    inputs.remove(ACTIONS);
    pinned.remove(ENERGIES);
  }

  @Override
  public void close() {
    lifecycle.release(this);
  }

  /** Closes the tensors and gives the buffers back; called once, by the lifecycle. */
  void closeNow() {
    closed = true;
    closeBatchTensors();
    fixed.close();
    inputs.clear();
    pinned.clear();
    model.giveBack(buffers);
  }
}
