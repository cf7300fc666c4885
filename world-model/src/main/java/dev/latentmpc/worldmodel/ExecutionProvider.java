package dev.latentmpc.worldmodel;

/** Hardware backend that runs the model graphs. */
public enum ExecutionProvider {
  /** The CPU; always available. */
  CPU,
  /** NVIDIA CUDA; needs a GPU build of the runtime and a CUDA device. */
  CUDA,
  /** NVIDIA TensorRT, with CUDA for the nodes TensorRT does not take. */
  TENSORRT
}
