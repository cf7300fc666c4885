package dev.latentmpc.bench.research;

import dev.latentmpc.controller.arm.Delta;
import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import java.io.IOException;
import java.util.Locale;
import picocli.CommandLine.Command;

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
final class CarryProbesCommand extends ProbeCommand {
  static final String HEADER =
      "seed,probe,x_m,y_m,z_m,roll_rad,pitch_rad,yaw_rad,gripper,move_dx_m,move_dy_m,move_dz_m,file";

  /** How far the moved probes move the hand, metres (one planner step's scale). */
  static final double MOVE_M = 0.05;

  @Override
  int render() throws IOException {
    Written written =
        writeEpisodes(SimTask.REACH_WITH_OBJECT, HEADER, CarryProbesCommand::writeEpisode);
    printWritten(written, SimTask.REACH_WITH_OBJECT, "", "");
    return 0;
  }

  private static int writeEpisode(ProbeFrames out, Episode episode) throws IOException {
    Vec3 move = towardsTarget(episode);
    Probes p = new Probes(out, episode, move);
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
    return 5;
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
  private record Probes(ProbeFrames out, Episode episode, Vec3 move) {
    void write(String probe, SimWorld w) throws IOException {
      String file = out.frame(episode.seed(), probe, w);
      out.row(
          String.format(
              Locale.ROOT,
              "%d,%s,%s,%.5f,%.5f,%.5f,%s",
              episode.seed(),
              probe,
              ProbeCommand.handState(w),
              move.x(),
              move.y(),
              move.z(),
              file));
    }
  }
}
