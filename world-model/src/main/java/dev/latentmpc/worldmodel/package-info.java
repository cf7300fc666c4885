/**
 * The world model seen by the planner: plain records and arrays, no runtime types.
 *
 * <p>{@link dev.latentmpc.worldmodel.WorldModel} is the seam between planning and inference. A
 * model bundle on disk is described by {@link dev.latentmpc.worldmodel.ModelSpec} (a typed view of
 * {@code model.json}, see {@code world-model/BUNDLE.md}); a bundle that does not honour that
 * contract fails with a {@link dev.latentmpc.worldmodel.BundleException} that names the file and
 * the field. The ONNX Runtime implementation lives in {@code dev.latentmpc.worldmodel.onnx}.
 */
package dev.latentmpc.worldmodel;
