package dev.latentmpc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.bench.closedloop.CsvReader;
import dev.latentmpc.bench.video.Mp4Probe;
import dev.latentmpc.deploy.LatentMpc;
import dev.latentmpc.simharness.cli.CommandLineRuns;
import dev.latentmpc.worldmodel.DefaultBundle;
import dev.latentmpc.worldmodel.ModelSpec;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latent-mpc demo} end to end and the {@code bench} command's argument checks, on the
 * service's command line with this module on the class path (as deploy/bin/latent-mpc runs them).
 */
class DemoCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return CommandLineRuns.execute(LatentMpc.commandLine(), out, err, args);
  }

  @Test
  void demoRunsPickAndPlaceEndToEndAndWritesTheVideoAndThePlot(@TempDir Path dir) throws Exception {
    System.setProperty(DemoCommand.HOME_PROPERTY, Path.of("..").toAbsolutePath().toString());
    try {
      assertThat(
              run(
                  "demo",
                  "--samples",
                  "16",
                  "--iterations",
                  "2",
                  "--unpaced",
                  "--out",
                  dir.toString()))
          .as("stderr: %s", err)
          .isZero();
    } finally {
      System.clearProperty(DemoCommand.HOME_PROPERTY);
    }
    // Whatever bundle is the embedded default: its name, and the note only if it is untrained.
    ModelSpec spec = ModelSpec.load(DefaultBundle.under(Path.of("..")), false);
    boolean untrained = String.valueOf(spec.provenance().get("source")).startsWith("untrained");
    assertThat(out.toString().contains("untrained weights")).isEqualTo(untrained);
    assertThat(out.toString())
        .contains(spec.name())
        .contains(
            "in-process sim (pick-and-place, seed 7, camera 60° around the base, eye (0.00, 0.87")
        .contains("3 goal image(s) (grasped, near-target, placed)")
        .contains("steps per goal [4, 10, 4]")
        .contains("CEM 16 samples x 2 iterations")
        .contains("step goal    energy  camera  encode")
        .containsPattern("(?m)^   0    0 .* to goal \\d\\.\\d{3} m")
        .containsPattern("(?m)^outcome: \\S+ after \\d+ steps")
        .contains("planning latency per action: median")
        .contains("video: " + dir.resolve("episode.mp4"))
        .contains("plot:  " + dir.resolve("plot.png"));
    List<List<String>> steps = CsvReader.read(dir.resolve("steps.csv"));
    int moves = steps.size() - 2; // header and the start row
    assertThat(moves).isBetween(1, 18);
    Mp4Probe video = Mp4Probe.read(dir.resolve("episode.mp4"));
    assertThat(video.codec()).isEqualTo("h264");
    assertThat(video.width()).as("camera and goal, 256 px each").isEqualTo(512);
    assertThat(video.decodedFrames())
        .as("one frame per step, then the final scene for a second")
        .isEqualTo(moves + DemoCommand.VIDEO_FPS);
    BufferedImage plot = ImageIO.read(dir.resolve("plot.png").toFile());
    assertThat(plot.getHeight()).as("distance and energy panels").isEqualTo(2 * 380);
  }

  @Test
  void demoRejectsAnUnknownTask() {
    assertThat(run("demo", "--task", "juggle")).isEqualTo(2);
    assertThat(err.toString()).contains("--task").contains("pick-and-place");
  }

  @Test
  void demoWithoutABundleSaysHowToFixIt() {
    assertThat(run("demo", "--bundle", "no/such/dir")).isEqualTo(2);
    assertThat(err.toString()).contains("no model bundle at no/such/dir").contains("--bundle DIR");
  }

  @Test
  void benchIsRegisteredAndRejectsBadSchedules() {
    assertThat(LatentMpc.commandLine().getSubcommands()).containsKeys("bench", "demo");
    assertThat(run("bench", "--max-steps", "pick-and-place=5")).isEqualTo(2);
    assertThat(err.toString()).contains("pick-and-place takes 3 move count(s), got '5'");
    assertThat(run("bench", "--max-steps", "reach=0")).isEqualTo(2);
    assertThat(err.toString()).contains("reach moves must be whole numbers in [1, 1000], got '0'");
    assertThat(run("bench", "--gripper", "robot")).isEqualTo(2);
    assertThat(err.toString()).contains("--gripper takes model and/or scripted");
    assertThat(run("bench", "--also", "grasp=1", "--gripper", "scripted")).isEqualTo(2);
    assertThat(err.toString()).contains("the scripted gripper needs at least 2 moves");
    assertThat(run("bench", "--tasks", "juggle")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown task 'juggle'");
  }
}
