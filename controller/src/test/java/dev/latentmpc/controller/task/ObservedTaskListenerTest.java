package dev.latentmpc.controller.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.loop.EpisodeOutcome;
import dev.latentmpc.controller.loop.EpisodeStatus;
import dev.latentmpc.controller.loop.StepEvent;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner's observer sees each event first, and cannot break the task's own listener. */
class ObservedTaskListenerTest {
  private final List<String> calls = new ArrayList<>();

  @Test
  void theObserverHearsFirstThenTheTasksListener() {
    TaskListener both = new ObservedTaskListener(recorder("observer"), recorder("listener"));

    both.onOutcome(outcome());
    both.onRejected(new TaskException.Unavailable("arm unavailable"));

    assertThat(calls)
        .containsExactly(
            "observer:outcome", "listener:outcome", "observer:rejected", "listener:rejected");
  }

  @Test
  void aFailingObserverIsIgnored() {
    TaskListener failing =
        new Recorder("observer") {
          @Override
          public void onOutcome(EpisodeOutcome outcome) {
            throw new IllegalStateException("metrics bug");
          }
        };

    new ObservedTaskListener(failing, recorder("listener")).onOutcome(outcome());

    assertThat(calls).containsExactly("listener:outcome");
  }

  private TaskListener recorder(String name) {
    return new Recorder(name);
  }

  private static EpisodeOutcome outcome() {
    return new EpisodeOutcome("t", EpisodeStatus.COMPLETED, Optional.empty(), 1, 0, 1);
  }

  private class Recorder implements TaskListener {
    private final String name;

    Recorder(String name) {
      this.name = name;
    }

    @Override
    public void onStarted(TaskStarted started) {
      calls.add(name + ":started");
    }

    @Override
    public void onStep(StepEvent event, Optional<RgbImage> frame) {
      calls.add(name + ":step");
    }

    @Override
    public void onOutcome(EpisodeOutcome outcome) {
      calls.add(name + ":outcome");
    }

    @Override
    public void onRejected(TaskException error) {
      calls.add(name + ":rejected");
    }
  }
}
