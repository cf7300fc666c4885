/**
 * Receding-horizon planning with the cross-entropy method (CEM).
 *
 * <p>Samples end-effector action sequences inside the paper's constraints (L1 ball of radius 0.075
 * on xyz, gripper bound), scores them with the world model's latent energy against the goal, refits
 * the sampling distribution on the elites and returns the first action. Pure Java: no gRPC or ONNX
 * types appear in this API, and the random source is injected and seeded so a plan is reproducible
 * bit for bit.
 */
package dev.latentmpc.planner;
