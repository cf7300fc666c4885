package dev.latentmpc.worldmodel.onnx;

import dev.latentmpc.worldmodel.DefaultBundle;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded default model (trained on the simulated harness) against the PyTorch weights it was
 * exported from: conformance.py checks the checkpoint's sha256 against model.json first.
 */
class DefaultBundleConformanceTest extends ConformanceCheck {
  @Override
  String fixtureName() {
    return "conformance-default-bundle";
  }

  @Override
  List<String> conformanceArgs(Path basedir) {
    return List.of("--bundle", defaultBundle(basedir).toString());
  }

  @Override
  Path bundle(Path basedir, Path fixture) {
    return defaultBundle(basedir);
  }

  /** The module directory's parent is the repository (installation) root. */
  private static Path defaultBundle(Path basedir) {
    return DefaultBundle.under(basedir.getParent());
  }
}
