package dev.latentmpc.worldmodel.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.latentmpc.worldmodel.BundleException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a session's input and output metadata against the bundle contract: names, float32 element
 * type, rank and fixed dimensions.
 *
 * <p>Inputs are held strictly: an axis the contract makes symbolic must be symbolic in the graph (a
 * batch axis frozen at export would fail at run time with 800 samples). A fixed axis may be
 * symbolic in the graph. Outputs need only the name, type, rank and fixed axes, because exporters
 * often name or freeze output axes they cannot infer while the graph still computes them.
 */
final class GraphContract {
  private GraphContract() {}

  static void check(
      Path file, OrtSession session, List<TensorContract> inputs, List<TensorContract> outputs) {
    try {
      checkSide(file, "input", session.getInputInfo(), inputs, true);
      checkSide(file, "output", session.getOutputInfo(), outputs, false);
    } catch (OrtException e) {
      throw new BundleException(file, "metadata cannot be read: " + e.getMessage(), e);
    }
  }

  private static void checkSide(
      Path file,
      String side,
      Map<String, NodeInfo> found,
      List<TensorContract> expected,
      boolean strictDynamic) {
    TreeSet<String> expectedNames = new TreeSet<>();
    expected.forEach(contract -> expectedNames.add(contract.name()));
    boolean namesMatch =
        side.equals("input")
            ? expectedNames.equals(new TreeSet<>(found.keySet()))
            : found.keySet().containsAll(expectedNames);
    if (!namesMatch) {
      throw new BundleException(
          file,
          side
              + " names mismatch: expected "
              + expectedNames
              + ", found "
              + new TreeSet<>(found.keySet()));
    }
    for (TensorContract contract : expected) {
      checkTensor(file, side, found.get(contract.name()), contract, strictDynamic);
    }
  }

  private static void checkTensor(
      Path file, String side, NodeInfo node, TensorContract contract, boolean strictDynamic) {
    String what = side + " '" + contract.name() + "'";
    if (!(node.getInfo() instanceof TensorInfo info)) {
      throw new BundleException(
          file, what + ": expected a float32 tensor, found " + node.getInfo());
    }
    if (info.type != OnnxJavaType.FLOAT) {
      throw new BundleException(file, what + ": expected element type float32, found " + info.type);
    }
    long[] shape = info.getShape();
    if (shape.length != contract.dims().length
        || !dimsMatch(shape, contract.dims(), strictDynamic)) {
      throw new BundleException(
          file,
          what
              + ": expected shape "
              + TensorContract.describe(contract.dims())
              + ", found "
              + TensorContract.describe(shape)
              + " (? = symbolic axis)");
    }
  }

  private static boolean dimsMatch(long[] found, long[] expected, boolean strictDynamic) {
    for (int i = 0; i < expected.length; i++) {
      boolean foundSymbolic = found[i] < 0;
      if (expected[i] == TensorContract.DYNAMIC) {
        if (strictDynamic && !foundSymbolic) {
          return false;
        }
      } else if (!foundSymbolic && found[i] != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
