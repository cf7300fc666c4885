package dev.latentmpc.bench.research;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.cli.CliSupport;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sim carry-probes}: frames that show whether a predictor knows what the gripper does to a
 * held object. Per reach-with-object episode (the object held, lifted, at the start): the goal
 * image, the start, the hand moved {@link #MOVE_M} towards the target with the object held, the
 * same move after the fingers opened (the object dropped where it was), and the fingers opened in
 * place (the object dropped, the hand still). Moves are made by the simulator's own grasp rules
 * (opening releases the object, which settles below), then the hand is placed directly.
 */
@Command(
    name = "carry-probes",
    mixinStandardHelpOptions = true,
    description = {
      "Render, per reach-with-object episode, the goal image, the start (object held), the hand",
      "moved 5 cm towards the target with the object held, the same move after opening (the",
      "object dropped), and opening in place; list them in DIR/probes.csv with each hand's state",
      "and the move. world-model/python/experiments/carry_probe_check.py scores a bundle on them."
    })
final class CarryProbesCommand implements Callable<Integer> {
  static final String HEADER =
      "seed,probe,x_m,y_m,z_m,roll_rad,pitch_rad,yaw_rad,gripper,move_dx_m,move_dy_m,move_dz_m,file";

  /** How far the moved probes move the hand, metres (one planner step's scale). */
  static final double MOVE_M = 0.05;

  @Spec CommandSpec spec;

  @Mixin ProbeOptions options = new ProbeOptions();

  @Override
  public Integer call() throws Exception {
    return CliSupport.run(spec, this::render);
  }

  private int render() throws IOException {
    options.checkEpisodes();
    Renderer renderer = options.renderer();
    Path dir = options.directory();
    try (BufferedWriter csv = Files.newBufferedWriter(dir.resolve("probes.csv"))) {
      csv.write(HEADER);
      csv.newLine();
      for (int e = 0; e < options.episodes; e++) {
        Episode episode = Episode.create(SimTask.REACH_WITH_OBJECT, options.seed + e);
        Vec3 move = towardsTarget(episode);
        Probes p = new Probes(csv, renderer, dir, episode, move);
        p.write("goal", episode.goalWorlds().get(0));
        SimWorld start = episode.startWorld();
        p.write("start", start);
        SimWorld held = episode.startWorld();
        held.teleportArm(moved(held.state(), move));
        p.write("moved-held", held);
        SimWorld released = opened(episode);
        p.write("released", released);
        SimWorld dropped = opened(episode);
        dropped.teleportArm(moved(dropped.state(), move));
        p.write("moved-dropped", dropped);
      }
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "wrote %d frames of %d reach-with-object episodes (seeds %d..%d) and probes.csv to %s%n",
        options.episodes * 5,
        options.episodes,
        options.seed,
        options.seed + options.episodes - 1,
        dir);
    stdout.flush();
    return 0;
  }

  /** A {@link #MOVE_M} move in the horizontal direction of the target (straight up if above it). */
  private static Vec3 towardsTarget(Episode episode) {
    Vec3 d = episode.targetM().minus(episode.start().positionM());
    double horizontal = Math.hypot(d.x(), d.y());
    return horizontal < 1e-6
        ? new Vec3(0, 0, MOVE_M)
        : new Vec3(MOVE_M * d.x() / horizontal, MOVE_M * d.y() / horizontal, 0);
  }

  private static EeState moved(EeState s, Vec3 move) {
    return s.withPosition(s.positionM().plus(move));
  }

  /** The start with the fingers opened by the simulator's rules: the object drops and settles. */
  private static SimWorld opened(Episode episode) {
    SimWorld w = episode.startWorld();
    w.move(new Delta(0, 0, 0, 0, 0, 0, -1));
    return w;
  }

  /** Writes one episode's frames and rows. */
  private record Probes(
      BufferedWriter csv, Renderer renderer, Path dir, Episode episode, Vec3 move) {
    void write(String probe, SimWorld w) throws IOException {
      String file = String.format(Locale.ROOT, "seed%06d-%s.png", episode.seed(), probe);
      PngImages.write(renderer.render(w.shapes()), dir.resolve(file));
      double[] s = w.state().toVector(); // x, y, z, extrinsic xyz Euler angles, closedness
      csv.write(
          String.format(
              Locale.ROOT,
              "%d,%s,%.5f,%.5f,%.5f,%.6f,%.6f,%.6f,%.3f,%.5f,%.5f,%.5f,%s",
              episode.seed(),
              probe,
              s[0],
              s[1],
              s[2],
              s[3],
              s[4],
              s[5],
              s[6],
              move.x(),
              move.y(),
              move.z(),
              file));
      csv.newLine();
    }
  }
}
