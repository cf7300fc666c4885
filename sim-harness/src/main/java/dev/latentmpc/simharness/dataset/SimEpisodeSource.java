package dev.latentmpc.simharness.dataset;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.MoveOutcome;
import dev.latentmpc.simharness.oracle.Oracle;
import dev.latentmpc.simharness.oracle.OracleConfig;
import dev.latentmpc.simharness.render.Appearance;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Makes dataset episodes in the simulator: a seeded {@link Episode}, an appearance variant, and
 * either the noisy oracle (demonstrations) or uniform random actions, rendered after every step.
 * Thread-safe: each call builds its own world, renderer and random streams from the episode seed.
 */
public final class SimEpisodeSource implements EpisodeSource {
  private static final long STREAM = 0x5DEECE66DL;

  private final DatasetSettings settings;

  /**
   * Creates the source.
   *
   * @param settings camera, jitter, noise and step settings
   */
  public SimEpisodeSource(DatasetSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
  }

  @Override
  public RecordedEpisode record(EpisodePlan plan) {
    SimTask task = SimTask.parse(plan.task());
    Episode episode = Episode.create(task, plan.seed());
    // Streams apart from Episode.create's own SplittableRandom(seed).
    SplittableRandom random = new SplittableRandom(EpisodePlan.mix(plan.seed() ^ STREAM));
    Appearance look = settings.jitter().sample(Appearance.of(settings.camera()), random.split());
    TrajectoryRecorder recorder = new TrajectoryRecorder(new Renderer(look));
    SimWorld world = episode.startWorld();
    recorder.observe(world);
    if (plan.kind() == EpisodeKind.DEMO) {
      demonstrate(episode, world, recorder, random);
    } else {
      wander(world, recorder, random);
    }
    return recorder.finish(plan, episode.isSuccess(world), episode.distanceM(world));
  }

  private void demonstrate(
      Episode episode, SimWorld world, TrajectoryRecorder recorder, SplittableRandom random) {
    double level = random.nextDouble();
    OracleConfig config =
        OracleConfig.noisy(
            level * settings.demoNoiseStdM(), level * settings.demoRandomActionProbability());
    int maxSteps =
        settings.maxDemoSteps() > 0
            ? settings.maxDemoSteps()
            : Oracle.defaultMaxSteps(episode.task());
    new Oracle(config, random.split())
        .run(
            episode, world, maxSteps, (i, before, action, out, w) -> recorder.step(action, out, w));
  }

  private void wander(SimWorld world, TrajectoryRecorder recorder, SplittableRandom random) {
    double m = settings.randomMaxDeltaM();
    for (int t = 0; t < settings.randomSteps(); t++) {
      double dg =
          random.nextDouble() < settings.randomGripperProbability() ? random.nextDouble(-1, 1) : 0;
      boolean still = dg != 0 && random.nextDouble() < settings.randomGripperStillProbability();
      Delta action =
          new Delta(
              translation(random, m, still),
              translation(random, m, still),
              translation(random, m, still),
              0,
              0,
              0,
              dg);
      MoveOutcome out = world.move(action);
      recorder.step(action, out, world);
    }
  }

  /** One random translation component; drawn even when the hand holds still, so streams align. */
  private static double translation(SplittableRandom random, double maxM, boolean still) {
    double value = random.nextDouble(-maxM, maxM);
    return still ? 0 : value;
  }
}
