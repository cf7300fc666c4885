/**
 * {@link dev.latentmpc.worldmodel.WorldModel} on ONNX Runtime: opens a model bundle, picks the
 * execution provider (falling back to the CPU with a logged reason), validates every graph's inputs
 * and outputs against model.json, and runs the graphs on pooled native buffers, which closing the
 * model frees. Planning binds its fixed inputs once per step ({@code EnergyBinding}), so a CEM
 * iteration makes no tensor. ONNX Runtime types never leave this package.
 */
package dev.latentmpc.worldmodel.onnx;
