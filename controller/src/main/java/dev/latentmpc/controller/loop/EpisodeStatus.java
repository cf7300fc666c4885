package dev.latentmpc.controller.loop;

/** How an episode ended. */
public enum EpisodeStatus {
  /** The caller's success check reported success. */
  SUCCEEDED,
  /** The sub-goal schedule ran to its end without the success check reporting success. */
  COMPLETED,
  /** The episode was interrupted or cancelled before it finished. */
  CANCELLED,
  /** A fault (camera, arm, model, envelope rejection, too many holds) ended the episode. */
  FAILED
}
