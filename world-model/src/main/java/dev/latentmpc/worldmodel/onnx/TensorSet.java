package dev.latentmpc.worldmodel.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input tensors of one run, closed together. Tensors wrap the caller's direct buffers without
 * copying, so the buffers must not be touched until this set is closed.
 */
final class TensorSet implements AutoCloseable {
  private final OrtEnvironment env;
  private final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();

  TensorSet(OrtEnvironment env) {
    this.env = env;
  }

  TensorSet add(String name, FloatBuffer data, long... shape) throws OrtException {
    OnnxTensor tensor = OnnxTensor.createTensor(env, data, shape);
    OnnxTensor previous = tensors.put(name, tensor);
    if (previous != null) {
      previous.close();
    }
    return this;
  }

  Map<String, OnnxTensor> inputs() {
    return tensors;
  }

  @Override
  public void close() {
    tensors.values().forEach(OnnxTensor::close);
    tensors.clear();
  }
}
