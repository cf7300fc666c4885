package dev.latentmpc.deploy.config;

import dev.latentmpc.worldmodel.onnx.RuntimeOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which model bundle the service loads and how it runs it.
 *
 * @param bundleDir the bundle directory (absolute; it held a readable model.json at validation)
 * @param runtime execution provider, device and thread counts for ONNX Runtime
 */
public record ModelSettings(Path bundleDir, RuntimeOptions runtime) {
  /** Checks that nothing is null. */
  public ModelSettings {
    Objects.requireNonNull(bundleDir, "bundleDir");
    Objects.requireNonNull(runtime, "runtime");
  }
}
