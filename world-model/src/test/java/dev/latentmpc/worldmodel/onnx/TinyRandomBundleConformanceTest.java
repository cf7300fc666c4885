package dev.latentmpc.worldmodel.onnx;

import java.nio.file.Path;
import java.util.List;

/**
 * Tiny random weights exported by export.py from an official-layout checkpoint (the user's path).
 */
class TinyRandomBundleConformanceTest extends ConformanceCheck {
  @Override
  String fixtureName() {
    return "conformance";
  }

  @Override
  List<String> conformanceArgs(Path basedir) {
    return List.of();
  }

  @Override
  Path bundle(Path basedir, Path fixture) {
    return fixture.resolve("bundle");
  }
}
