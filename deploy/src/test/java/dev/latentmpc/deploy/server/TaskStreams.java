package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reading StartTask streams on the client side in the service tests. */
public final class TaskStreams {
  private TaskStreams() {}

  /** Reads updates until the first step; fails on an outcome first or the end of the stream. */
  public static void readUntilFirstStep(Iterator<TaskUpdate> stream) {
    while (stream.hasNext()) {
      TaskUpdate update = stream.next();
      assertThat(update.hasOutcome()).as("outcome before any step: %s", update).isFalse();
      if (update.hasStep()) {
        return;
      }
    }
    throw new AssertionError("the stream ended before its first step");
  }

  /** Every remaining update. */
  public static List<TaskUpdate> collect(Iterator<TaskUpdate> stream) {
    List<TaskUpdate> updates = new ArrayList<>();
    stream.forEachRemaining(updates::add);
    return updates;
  }

  /** The outcome, which must be the last update. */
  public static Outcome outcome(List<TaskUpdate> updates) {
    TaskUpdate last = updates.get(updates.size() - 1);
    assertThat(last.hasOutcome()).as("last update %s", last).isTrue();
    return last.getOutcome();
  }

  /** The step updates, in order. */
  public static List<StepEvent> steps(List<TaskUpdate> updates) {
    return updates.stream().filter(TaskUpdate::hasStep).map(TaskUpdate::getStep).toList();
  }
}
