package dev.latentmpc.controller.loop;

import dev.latentmpc.controller.safety.EnvelopeConfig;
import dev.latentmpc.controller.safety.SafetyEnvelope;
import dev.latentmpc.controller.testing.CountingWorldModel;
import dev.latentmpc.controller.testing.ManualClock;
import dev.latentmpc.controller.testing.RecordingArm;
import dev.latentmpc.controller.testing.ScriptedCamera;
import dev.latentmpc.controller.testing.TestBundle;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.worldmodel.preprocess.FramePreprocessor;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One controller's world for a test: manual clock, exact arm, scripted camera, the real untrained
 * model behind a counting wrapper, and reduced CEM settings (50 samples × 3 iterations). Change
 * {@link #envelopeConfig}, {@link #config} or {@link #cem} before {@link #controller()}.
 */
final class ControllerFixture {

  static final CemConfig TEST_CEM = CemConfig.builder().samples(50).iterations(3).topK(10).build();

  final ManualClock clock = new ManualClock(5_000_000_000L);
  RecordingArm arm = RecordingArm.centred(clock);
  final ScriptedCamera camera = new ScriptedCamera(clock, TestBundle.randomImage(1, 80, 64));
  final CountingWorldModel model = new CountingWorldModel(TestBundle.model());
  final FramePreprocessor preprocessor = FramePreprocessor.of(model.spec());
  EnvelopeConfig envelopeConfig = EnvelopeConfig.defaults();
  ControllerConfig config = ControllerConfig.defaults();
  CemConfig cem = TEST_CEM;

  /** Replaces the arm by one at {@code [x, y, z, roll, pitch, yaw, gripper]}. */
  ControllerFixture armAt(double... state) {
    arm = new RecordingArm(clock, state);
    return this;
  }

  EpisodeController controller() {
    return new EpisodeController(
        arm,
        camera,
        model,
        preprocessor,
        PlannerFactory.cem(cem, clock),
        new SafetyEnvelope(envelopeConfig),
        clock,
        config);
  }

  /** Returns {@code count} distinct seeded goal images. */
  static List<RgbImage> goals(int count) {
    List<RgbImage> goals = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      goals.add(TestBundle.randomImage(100 + i, 64, 64));
    }
    return goals;
  }

  static TaskSpec task(SubgoalSchedule schedule, long seed) {
    return TaskSpec.of("task-" + seed, goals(schedule.goals()), schedule, seed);
  }

  /** Steps until done, returning every event. */
  static List<StepEvent> runToEnd(EpisodeController controller, int maxSteps) {
    List<StepEvent> events = new ArrayList<>();
    while (!controller.isDone() && events.size() < maxSteps) {
      events.add(controller.step());
    }
    return events;
  }
}
