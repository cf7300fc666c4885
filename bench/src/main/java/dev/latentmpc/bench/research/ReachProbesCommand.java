package dev.latentmpc.bench.research;

import dev.latentmpc.simharness.cli.SimUsageException;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import java.io.IOException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sim reach-probes}: the frames a perfect one-step predictor would show the planner at the
 * start of reach episodes, for checking an encoder's goal distance without any predictor.
 *
 * <p>Per episode it renders the goal image and the start scene with the hand moved by each of the
 * 27 moves {@code step · (i, j, k)}, i, j, k ∈ {−1, 0, 1} (the zero move is the start frame), and
 * lists them in {@code probes.csv} with the hand's distance to the target after the move.
 */
@Command(
    name = "reach-probes",
    mixinStandardHelpOptions = true,
    description = {
      "Render, per reach episode, the goal image and the start scene with the hand moved by",
      "each of the 27 moves STEP*(i,j,k), i,j,k in {-1,0,1}; list them with the hand's distance",
      "to the target in DIR/probes.csv.",
      "world-model/python/experiments/reach_probe_check.py scores an encoder on them: does the",
      "move whose frame is nearest the goal in latent space bring the hand closer to the target?"
    })
final class ReachProbesCommand extends ProbeCommand {
  /** The largest move per axis accepted, metres. */
  static final double MAX_STEP_M = 0.10;

  static final String HEADER = "seed,probe,kind,x_m,y_m,z_m,distance_m,file";

  @Option(
      names = "--step",
      paramLabel = "M",
      defaultValue = "0.05",
      description =
          "Move per axis, metres, in (0, "
              + MAX_STEP_M
              + "] (default: ${DEFAULT-VALUE}, the planner's per-axis bound).")
  double stepM;

  /** Moves left out because the arm cannot reach them. */
  private int skipped;

  @Override
  int render() throws IOException {
    if (!(stepM > 0 && stepM <= MAX_STEP_M)) {
      throw new SimUsageException(
          "--step must be in (0, " + MAX_STEP_M + "] m, got " + stepM + "; try 0.05");
    }
    skipped = 0;
    Written written = writeEpisodes(SimTask.REACH, HEADER, this::writeEpisode);
    printWritten(
        written,
        SimTask.REACH,
        String.format(Locale.ROOT, ", step %.3f m", stepM),
        skipped == 0 ? "" : "; " + skipped + " unreachable moves left out");
    return 0;
  }

  private int writeEpisode(ProbeFrames out, Episode episode) throws IOException {
    String goal = out.frame(episode.seed(), "goal", episode.goalWorlds().get(0));
    row(out, episode, -1, "goal", episode.targetM(), goal);
    int frames = 1;
    int probe = 0;
    for (int i = -1; i <= 1; i++) {
      for (int j = -1; j <= 1; j++) {
        for (int k = -1; k <= 1; k++, probe++) {
          Vec3 hand = episode.start().positionM().plus(new Vec3(i, j, k).times(stepM));
          SimWorld w = episode.startWorld();
          try {
            w.teleportArm(episode.start().withPosition(hand));
          } catch (IllegalArgumentException unreachable) {
            skipped++;
            continue;
          }
          String file =
              out.frame(episode.seed(), String.format(Locale.ROOT, "probe%02d", probe), w);
          row(out, episode, probe, i == 0 && j == 0 && k == 0 ? "start" : "move", hand, file);
          frames++;
        }
      }
    }
    return frames;
  }

  private static void row(
      ProbeFrames out, Episode episode, int probe, String kind, Vec3 hand, String file)
      throws IOException {
    out.row(
        String.format(
            Locale.ROOT,
            "%d,%d,%s,%.5f,%.5f,%.5f,%.5f,%s",
            episode.seed(),
            probe,
            kind,
            hand.x(),
            hand.y(),
            hand.z(),
            hand.minus(episode.targetM()).norm(),
            file));
  }
}
