package dev.latentmpc.controller.task;

import dev.latentmpc.controller.loop.SuccessCheck;
import java.util.Optional;

/**
 * What the robot side knows for certain about a task's success, where it knows anything: a
 * simulator sees its whole scene and can say when an object is placed; a real robot cannot. The
 * composition root hands one to the {@link TaskRunner}; a task whose request names no reach target
 * gets its success check from here.
 */
@FunctionalInterface
public interface GroundTruth {

  /** The robot side knows nothing: tasks end by their schedule unless they name a reach target. */
  GroundTruth NONE = kind -> Optional.empty();

  /**
   * Returns the success check for a task of {@code kind} starting now, empty when there is no
   * ground truth for it (e.g. the simulator was set up for another kind of task). Called once per
   * task as {@link TaskRunner#start} accepts it, on the caller's thread; the check it returns is
   * then asked on the loop thread after every step.
   *
   * @param kind what the task does
   */
  Optional<SuccessCheck> successCheck(TaskKind kind);
}
