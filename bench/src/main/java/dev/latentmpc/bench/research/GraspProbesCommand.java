package dev.latentmpc.bench.research;

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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sim grasp-probes}: frames that show whether an encoder sees the gripper where a grasp is
 * decided. Per grasp episode: the goal image (hand closed around the object) and the start scene
 * with the hand open at its start, closed there, 5 cm lower open, 5 cm lower closed, and open at
 * the grasp point. The hand is placed directly (no contact), so every frame shows exactly the named
 * configuration.
 */
@Command(
    name = "grasp-probes",
    mixinStandardHelpOptions = true,
    description = {
      "Render, per grasp episode, the goal image and the start scene with the hand: open at its",
      "start, closed there, 5 cm lower open, 5 cm lower closed, open at the grasp point; list",
      "them in DIR/probes.csv with each hand's state (position, Euler angles, closedness).",
      "world-model/python/experiments/grasp_probe_check.py scores a bundle on them."
    })
final class GraspProbesCommand implements Callable<Integer> {
  static final String HEADER = "seed,probe,x_m,y_m,z_m,roll_rad,pitch_rad,yaw_rad,gripper,file";

  /** How far the "lower" probes move the hand down, metres. */
  static final double DESCENT_M = 0.05;

  /** The probes after the goal: name, offset from the start (or the grasp point), closedness. */
  private record Probe(String name, boolean atGraspPoint, double dzM, double gripper) {}

  private static final List<Probe> LAYOUT =
      List.of(
          new Probe("start", false, 0, 0),
          new Probe("closed", false, 0, 1),
          new Probe("lower", false, -DESCENT_M, 0),
          new Probe("lower-closed", false, -DESCENT_M, 1),
          new Probe("open-at-grasp-point", true, 0, 0));

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
        Episode episode = Episode.create(SimTask.GRASP, options.seed + e);
        SimWorld goal = episode.goalWorlds().get(0);
        write(csv, renderer, dir, episode, "goal", goal);
        for (Probe p : LAYOUT) {
          Vec3 base = p.atGraspPoint() ? episode.targetM() : episode.start().positionM();
          EeState hand =
              episode
                  .start()
                  .withPosition(base.plus(new Vec3(0, 0, p.dzM())))
                  .withGripper(p.gripper());
          SimWorld w = episode.startWorld();
          w.teleportArm(hand);
          write(csv, renderer, dir, episode, p.name(), w);
        }
      }
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "wrote %d frames of %d grasp episodes (seeds %d..%d) and probes.csv to %s%n",
        options.episodes * (1 + LAYOUT.size()),
        options.episodes,
        options.seed,
        options.seed + options.episodes - 1,
        dir);
    stdout.flush();
    return 0;
  }

  private static void write(
      BufferedWriter csv, Renderer renderer, Path dir, Episode episode, String probe, SimWorld w)
      throws IOException {
    String file = String.format(Locale.ROOT, "seed%06d-%s.png", episode.seed(), probe);
    PngImages.write(renderer.render(w.shapes()), dir.resolve(file));
    double[] s = w.state().toVector(); // x, y, z, extrinsic xyz Euler angles, closedness
    csv.write(
        String.format(
            Locale.ROOT,
            "%d,%s,%.5f,%.5f,%.5f,%.6f,%.6f,%.6f,%.3f,%s",
            episode.seed(),
            probe,
            s[0],
            s[1],
            s[2],
            s[3],
            s[4],
            s[5],
            s[6],
            file));
    csv.newLine();
  }
}
