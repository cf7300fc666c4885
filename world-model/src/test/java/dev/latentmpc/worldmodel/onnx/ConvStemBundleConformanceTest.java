package dev.latentmpc.worldmodel.onnx;

import java.nio.file.Path;
import java.util.List;

/**
 * Preset conv-128 (a convolutional stem on 128 px input, 16 tokens) with random weights, exported
 * by export.py like any checkpoint: the 128 px preprocessing and the stem's graph must match
 * PyTorch.
 */
class ConvStemBundleConformanceTest extends ConformanceCheck {
  @Override
  String fixtureName() {
    return "conformance-conv-128";
  }

  @Override
  List<String> conformanceArgs(Path basedir) {
    return List.of("--preset", "conv-128");
  }

  @Override
  Path bundle(Path basedir, Path fixture) {
    return fixture.resolve("bundle");
  }
}
