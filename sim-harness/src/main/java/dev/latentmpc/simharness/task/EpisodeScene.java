package dev.latentmpc.simharness.task;

import dev.latentmpc.controller.loop.GoalProgress;
import dev.latentmpc.controller.loop.SuccessCheck;
import dev.latentmpc.controller.task.GroundTruth;
import dev.latentmpc.controller.task.TaskKind;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.world.SimObject;
import dev.latentmpc.simharness.world.SimWorld;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live simulated scene of a seeded {@link Episode}: the {@link SimWorld} the simulated arm and
 * camera share, and the episode it was set up from. As the controller's {@link GroundTruth} it
 * judges a task on the scene itself: a task of the episode's kind gets {@link
 * SuccessRules#isSuccess} and {@link SuccessRules#distanceM} (read from one snapshot of the world
 * after each step); a task of another kind gets no check, since the scene has no goal for it.
 *
 * <p>Each check also records what it saw ({@link SceneSample}: held or not, where the object is) in
 * {@link #trace()}, one sample per step of the latest task the scene judged, so that a benchmark
 * can tell how a failed episode failed.
 *
 * <p>{@link #reset} puts the scene back to another episode's start, as a lab technician resets the
 * table between episodes (the closed-loop benchmark runs many episodes on one service this way). It
 * must only be called while no task runs. Thread-safe.
 */
public final class EpisodeScene implements GroundTruth {
  private final SimWorld world;
  private volatile Episode episode;
  private final List<SceneSample> trace = new CopyOnWriteArrayList<>();

  /**
   * Creates the scene of {@code episode} over {@code world}, which must be at the episode's start
   * (e.g. {@link Episode#startWorld()}).
   *
   * @param episode the episode the world was set up from
   * @param world the world the simulated arm and camera share
   */
  public EpisodeScene(Episode episode, SimWorld world) {
    this.episode = Objects.requireNonNull(episode, "episode is null");
    this.world = Objects.requireNonNull(world, "world is null");
  }

  /** Creates the scene of a fresh world at {@code episode}'s start (default arm settings). */
  public static EpisodeScene start(Episode episode) {
    return new EpisodeScene(episode, episode.startWorld());
  }

  /** The world (shared with the simulated arm and camera). */
  public SimWorld world() {
    return world;
  }

  /** The episode the scene is set up for now. */
  public Episode episode() {
    return episode;
  }

  /**
   * Puts the scene at {@code next}'s start: arm, objects and grasp state; only while no task runs.
   *
   * @param next the episode to set up (with the world's arm settings)
   */
  public void reset(Episode next) {
    Objects.requireNonNull(next, "next is null");
    world.restore(next.startWorld(world.armConfig()));
    episode = next;
    trace.clear();
  }

  /**
   * The ground truth after each step of the latest task judged by this scene (since its check was
   * created or the scene reset), in step order.
   */
  public List<SceneSample> trace() {
    return List.copyOf(trace);
  }

  /** The episode's remaining distance in the scene now, metres (see {@link SuccessRules}). */
  public double distanceM() {
    Episode e = episode;
    return e.distanceM(world.copy());
  }

  /** Whether the episode's success condition holds in the scene now. */
  public boolean isSuccess() {
    Episode e = episode;
    return e.isSuccess(world.copy());
  }

  /**
   * {@inheritDoc}
   *
   * <p>The check is bound to the episode set up when the task starts; it reads the world as it is
   * when asked (after the step's blocking move).
   */
  @Override
  public Optional<SuccessCheck> successCheck(TaskKind kind) {
    Episode e = episode;
    if (!e.task().name().equals(kind.name())) {
      return Optional.empty();
    }
    trace.clear();
    return Optional.of(event -> {
      SimWorld now = world.copy();
      trace.add(sample(e, now));
      return GoalProgress.measured(e.isSuccess(now), e.distanceM(now));
    });
  }

  private static SceneSample sample(Episode e, SimWorld w) {
    SimObject o = w.object(e.objectKind()).orElseThrow();
    return new SceneSample(
        SuccessRules.holds(e, w), new Vec3(o.centerM().x(), o.centerM().y(), o.bottomZ()));
  }
}
