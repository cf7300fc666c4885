package dev.latentmpc.worldmodel.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.latentmpc.worldmodel.InferenceException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs one graph call: copies the inputs into pooled native buffers, wraps them as tensors without
 * a further copy, runs the session and reads one float32 output. Every tensor and result is closed
 * before the buffers go back to the pool. Thread-safe. This is the general path (encode, predict,
 * one-off energies); planning binds its inputs once instead ({@link EnergyBinding}).
 */
final class GraphRunner {
  private final OrtEnvironment env;
  private final InputBuffers.Pool pool = new InputBuffers.Pool();

  GraphRunner(OrtEnvironment env) {
    this.env = env;
  }

  /** Starts a call of {@code session}; {@code graph} names it in error messages. */
  Call call(String graph, OrtSession session) {
    return new Call(graph, session);
  }

  /** Returns the buffer pool, shared with the model's energy bindings. */
  InputBuffers.Pool pool() {
    return pool;
  }

  /** Frees the pooled buffers now; a set still in use is freed when it comes back. */
  void close() {
    pool.close();
  }

  /** One call being assembled; not thread-safe, use it from the thread that created it. */
  final class Call {
    private final String graph;
    private final OrtSession session;
    private final List<Pending> inputs = new ArrayList<>();

    private Call(String graph, OrtSession session) {
      this.graph = graph;
      this.session = session;
    }

    /** Adds an input whose values are {@code parts} back to back. */
    Call input(String name, List<float[]> parts, long... shape) {
      inputs.add(new Pending(name, parts, shape));
      return this;
    }

    /** Adds an input. */
    Call input(String name, float[] values, long... shape) {
      return input(name, List.of(values), shape);
    }

    /**
     * Runs the graph and returns output {@code output}, which must have {@code expectedShape}.
     *
     * @throws InferenceException when the runtime fails or returns another shape
     */
    float[] run(String output, long... expectedShape) {
      return run(output, result -> read(result, output, expectedShape));
    }

    /** Runs the graph and drops output {@code output} unread; for timing the graph alone. */
    void execute(String output) {
      run(output, result -> null);
    }

    private float[] run(String output, Reader reader) {
      InputBuffers buffers = pool.take();
      try (TensorSet tensors = new TensorSet(env)) {
        for (Pending input : inputs) {
          FloatBuffer data = buffers.load(input.name(), input.parts());
          tensors.add(input.name(), data, input.shape());
        }
        try (OrtSession.Result result = session.run(tensors.inputs(), Set.of(output))) {
          return reader.read(result);
        }
      } catch (OrtException e) {
        throw new InferenceException(graph + " failed: " + e.getMessage(), e);
      } finally {
        pool.give(buffers);
      }
    }

    private float[] read(OrtSession.Result result, String output, long[] expectedShape)
        throws OrtException {
      OnnxValue value =
          result
              .get(output)
              .orElseThrow(() -> new InferenceException(graph + " returned no " + output, null));
      if (!(value instanceof OnnxTensor tensor)) {
        throw new InferenceException(graph + " output " + output + " is not a tensor", null);
      }
      long[] shape = tensor.getInfo().getShape();
      if (!Arrays.equals(shape, expectedShape)) {
        throw new InferenceException(
            graph
                + " output "
                + output
                + " has shape "
                + Arrays.toString(shape)
                + ", expected "
                + Arrays.toString(expectedShape),
            null);
      }
      FloatBuffer data = tensor.getFloatBuffer();
      float[] values = new float[data.remaining()];
      data.get(values);
      return values;
    }
  }

  @FunctionalInterface
  private interface Reader {
    float[] read(OrtSession.Result result) throws OrtException;
  }

  private record Pending(String name, List<float[]> parts, long[] shape) {}
}
