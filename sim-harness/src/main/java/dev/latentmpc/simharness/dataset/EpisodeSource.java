package dev.latentmpc.simharness.dataset;

/** Makes the episodes of a dataset; implementations must be safe to call from several threads. */
public interface EpisodeSource {
  /**
   * Simulates, records and renders one episode.
   *
   * @param plan the episode's index, seed, kind and task
   * @return the recorded frames, states and actions
   */
  RecordedEpisode record(EpisodePlan plan);
}
