package dev.latentmpc.bench.closedloop;

import dev.latentmpc.proto.control.v1.PlannerOverrides;
import dev.latentmpc.proto.control.v1.SamplingHooks;
import dev.latentmpc.simharness.task.SimTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * How the episodes of one benchmark row run: who moves the gripper, the schedule, and the task
 * request that follows from them (goal images in order, moves per goal, the planner's sampling
 * hooks per goal).
 *
 * <p>Model-only rows send each goal image once with its moves and leave the gripper to the planner.
 * Scripted rows ({@link #scripted}) take the gripper from the model with the public V-JEPA 2 code's
 * hooks ({@code cem}'s {@code axis} pins Δgripper, {@code close_gripper} closes) while the model
 * still plans the arm's motion, so they bound what its arm motion achieves with a perfect gripper:
 *
 * <ul>
 *   <li>reach: Δgripper pinned to 0 on the goal;
 *   <li>grasp (n moves): the goal with Δgripper pinned to 0 for n − 1 moves, then the same goal for
 *       1 move closing (close from horizon step 0; the arm still moves);
 *   <li>reach-with-object: closing on every move (the fingers rest on the held object);
 *   <li>pick-and-place (a/b/c): the grasp image open for a − 1 moves and closing for 1, the carry
 *       image closing for b, the place image closing for c − 1 and opening for 1 (Δgripper pinned
 *       to −0.75), the same number of moves as the model-only row.
 * </ul>
 *
 * <p>An energy-threshold schedule applies its threshold to every goal of the request, the 1-move
 * goals included (there it changes nothing).
 *
 * @param gripper {@code model} or {@code scripted}
 * @param schedule the row's schedule over the task's goal images
 * @param goalImages per goal of the request, the index of its goal image
 * @param stepsPerGoal per goal of the request, its moves (or move limit)
 * @param planner the planner overrides of the request (sampling hooks)
 */
public record EpisodePlan(
    String gripper,
    BenchSchedule schedule,
    List<Integer> goalImages,
    List<Integer> stepsPerGoal,
    PlannerOverrides planner) {

  /** The gripper name of model-only rows. */
  public static final String MODEL = "model";

  /** The gripper name of scripted rows. */
  public static final String SCRIPTED = "scripted";

  private static final SamplingHooks KEEP = SamplingHooks.newBuilder().setPinDgripper(0).build();
  private static final SamplingHooks CLOSE =
      SamplingHooks.newBuilder().setCloseGripperFromStep(0).build();
  private static final SamplingHooks OPEN =
      SamplingHooks.newBuilder().setPinDgripper(-0.75).build();

  /** Checks the lists agree and copies them. */
  public EpisodePlan {
    Objects.requireNonNull(gripper, "gripper");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(planner, "planner");
    goalImages = List.copyOf(goalImages);
    stepsPerGoal = List.copyOf(stepsPerGoal);
    if (goalImages.size() != stepsPerGoal.size() || goalImages.isEmpty()) {
      throw new IllegalArgumentException("one goal image index per goal is needed");
    }
  }

  /** The model-only row of {@code schedule}: each goal image once, the planner's gripper. */
  public static EpisodePlan modelOnly(BenchSchedule schedule) {
    List<Integer> images = IntStream.range(0, schedule.movesPerImage().size()).boxed().toList();
    return new EpisodePlan(
        MODEL, schedule, images, schedule.movesPerImage(), PlannerOverrides.getDefaultInstance());
  }

  /**
   * The scripted-gripper row of {@code schedule} for {@code task} (see the class documentation).
   *
   * @throws IllegalArgumentException when a goal the script splits has fewer than 2 moves
   */
  public static EpisodePlan scripted(SimTask task, BenchSchedule schedule) {
    List<Integer> m = schedule.movesPerImage();
    Script s = new Script();
    switch (task) {
      case REACH -> s.add(0, m.get(0), KEEP);
      case GRASP -> s.add(0, split(task, m.get(0)), KEEP).add(0, 1, CLOSE);
      case REACH_WITH_OBJECT -> s.add(0, m.get(0), CLOSE);
      case PICK_AND_PLACE ->
          s.add(0, split(task, m.get(0)), KEEP)
              .add(0, 1, CLOSE)
              .add(1, m.get(1), CLOSE)
              .add(2, split(task, m.get(2)), CLOSE)
              .add(2, 1, OPEN);
    }
    PlannerOverrides planner = PlannerOverrides.newBuilder().addAllSubgoalSampling(s.hooks).build();
    return new EpisodePlan(SCRIPTED, schedule, s.images, s.steps, planner);
  }

  /**
   * Returns this plan with an operator's hooks on top: {@code taskWide} for every goal, {@code
   * perImage} for the goals showing that image (their set fields override the script's).
   */
  public EpisodePlan withSampling(SamplingHooks taskWide, Map<Integer, SamplingHooks> perImage) {
    PlannerOverrides.Builder b = planner.toBuilder().setSampling(taskWide);
    if (!perImage.isEmpty() || b.getSubgoalSamplingCount() > 0) {
      List<SamplingHooks> goals = new ArrayList<>();
      for (int g = 0; g < goalImages.size(); g++) {
        SamplingHooks scripted =
            b.getSubgoalSamplingCount() > 0
                ? b.getSubgoalSampling(g)
                : SamplingHooks.getDefaultInstance();
        SamplingHooks user =
            perImage.getOrDefault(goalImages.get(g), SamplingHooks.getDefaultInstance());
        goals.add(scripted.toBuilder().mergeFrom(user).build());
      }
      b.clearSubgoalSampling().addAllSubgoalSampling(goals);
    }
    return new EpisodePlan(gripper, schedule, goalImages, stepsPerGoal, b.build());
  }

  /** The row's name, e.g. {@code model 4/10/4}. */
  public String label() {
    return gripper + " " + schedule.label();
  }

  private static int split(SimTask task, int moves) {
    if (moves < 2) {
      throw new IllegalArgumentException(
          "the scripted gripper needs at least 2 moves on "
              + task.cliName()
              + "'s goals it opens or closes on, got "
              + moves);
    }
    return moves - 1;
  }

  /** Accumulates the request's goals. */
  private static final class Script {
    final List<Integer> images = new ArrayList<>();
    final List<Integer> steps = new ArrayList<>();
    final List<SamplingHooks> hooks = new ArrayList<>();

    Script add(int image, int moves, SamplingHooks h) {
      images.add(image);
      steps.add(moves);
      hooks.add(h);
      return this;
    }
  }
}
