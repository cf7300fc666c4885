package dev.latentmpc.bench.research;

import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

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
final class GraspProbesCommand extends ProbeCommand {
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

  @Override
  int render() throws IOException {
    Written written = writeEpisodes(SimTask.GRASP, HEADER, GraspProbesCommand::writeEpisode);
    printWritten(written, SimTask.GRASP, "", "");
    return 0;
  }

  private static int writeEpisode(ProbeFrames out, Episode episode) throws IOException {
    SimWorld goal = episode.goalWorlds().get(0);
    write(out, episode, "goal", goal);
    for (Probe p : LAYOUT) {
      Vec3 base = p.atGraspPoint() ? episode.targetM() : episode.start().positionM();
      EeState hand =
          episode.start().withPosition(base.plus(new Vec3(0, 0, p.dzM()))).withGripper(p.gripper());
      SimWorld w = episode.startWorld();
      w.teleportArm(hand);
      write(out, episode, p.name(), w);
    }
    return 1 + LAYOUT.size();
  }

  private static void write(ProbeFrames out, Episode episode, String probe, SimWorld w)
      throws IOException {
    String file = out.frame(episode.seed(), probe, w);
    out.row(
        String.format(
            Locale.ROOT, "%d,%s,%s,%s", episode.seed(), probe, ProbeCommand.handState(w), file));
  }
}
