/**
 * Receding-horizon planning with the cross-entropy method (CEM) of V-JEPA 2-AC.
 *
 * <p>{@link dev.latentmpc.planner.CemPlanner} searches action sequences of {@code horizon} 7-D
 * end-effector deltas that minimise an {@link dev.latentmpc.planner.EnergyFunction}, in production
 * the L1 distance between the world model's predicted latent and the goal latent. One plan:
 *
 * <ol>
 *   <li>For every horizon step keep a Gaussian over (Δx, Δy, Δz, Δgripper): mean 0 (or the previous
 *       plan shifted by one step), standard deviation {@code maxNormM} for xyz and 1 for the
 *       gripper. Rotation deltas are never sampled; they are always 0.
 *   <li>Each iteration draws {@code samples} sequences, clips xyz to ±{@code maxNormM} and the
 *       gripper to ±{@code gripperLimit} (optionally projecting xyz onto the paper's L1 ball),
 *       scores all of them in one batch, and keeps the {@code topK} of lowest energy.
 *   <li>Mean and standard deviation move towards the elites' mean and unbiased standard deviation
 *       with momentum, separately for xyz and gripper: {@code new = (1 − m) · elite + m · old}.
 *   <li>After the last iteration (or when the {@link dev.latentmpc.planner.Deadline} stops it) the
 *       mean is returned as the {@link dev.latentmpc.planner.Plan}, gripper values below 0.25 in
 *       magnitude rounded to 0. The controller executes its first action and plans again.
 * </ol>
 *
 * <p>The public code's two hooks are options, off by default ({@link
 * dev.latentmpc.planner.SamplingHooks}): components pinned at a value in every sample ({@code
 * cem}'s {@code axis}) and the gripper closed from a horizon step on ({@code close_gripper});
 * together with the gripper's initial spread they may change from one plan to the next (per
 * sub-goal).
 *
 * <p>Sources: the V-JEPA 2 paper (arXiv 2506.09985: 800 samples, 10 iterations, top-10, horizon 1,
 * L1 ball of radius 0.075) and the public code of facebookresearch/vjepa2 ({@code
 * notebooks/utils/mpc_utils.py}, function {@code cem}, and {@code world_model_wrapper.py}, which
 * sets maxnorm 0.05 and momenta 0.15). This is an independent implementation of those semantics;
 * {@link dev.latentmpc.planner.CemConfig} documents each default and where it comes from.
 *
 * <p>Pure Java: no gRPC or ONNX types appear in this API. The random source and the clock are
 * injected, so a plan is reproducible bit for bit from its seed.
 */
package dev.latentmpc.planner;
