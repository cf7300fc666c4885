package dev.latentmpc.controller.task;

/** A task accepted by a {@link TaskRunner}. */
public interface TaskHandle {

  /** Returns the task's id. */
  String taskId();

  /**
   * Asks the task to stop; safe from any thread, idempotent (the first reason wins). The loop ends
   * the episode after the current step's check and stops the arm.
   *
   * @param reason why, reported in the outcome
   */
  void cancel(String reason);
}
