package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.TaskSpec;
import dev.latentmpc.planner.CemConfig;

/**
 * A validated task, ready for the loop.
 *
 * @param spec what the episode controller runs
 * @param kind what the task does
 * @param planner the planner settings (defaults plus overrides)
 * @param thumbnailMaxSidePx longer side of per-step thumbnails, 0 for none
 */
record ResolvedTask(TaskSpec spec, TaskKind kind, CemConfig planner, int thumbnailMaxSidePx) {

  String taskId() {
    return spec.taskId();
  }
}
