/**
 * The training-data generator: seeded episodes of noisy oracle demonstrations and random motions in
 * the simulator, recorded at 4 fps as NumPy files that Python reads with numpy alone.
 *
 * <p>{@link dev.latentmpc.simharness.dataset.DatasetGenerator} drives the run (manifest, resume,
 * parallel workers, progress); {@link dev.latentmpc.simharness.dataset.SimEpisodeSource} makes one
 * episode; {@link dev.latentmpc.simharness.dataset.EpisodeStore} writes it atomically with {@link
 * dev.latentmpc.simharness.dataset.NpyWriter}. The on-disk format is documented in {@code
 * sim-harness/DATASET.md}.
 */
package dev.latentmpc.simharness.dataset;
