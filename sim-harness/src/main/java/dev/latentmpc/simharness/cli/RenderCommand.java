package dev.latentmpc.simharness.cli;

import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.GoalConfigurations;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.simharness.world.SimWorld;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sim render}: PNGs of a seeded episode's start scene and its goal images. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render a seeded episode: its start frame and its goal image(s) as PNG files.",
      "Pick-and-place has the paper's three sub-goals: grasped, near-target, placed."
    })
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--task",
      required = true,
      paramLabel = "TASK",
      description = "reach, grasp, reach-with-object or pick-and-place.")
  String task;

  @Mixin EpisodeSeedOption seed = new EpisodeSeedOption();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory for the PNG files (created if missing).")
  Path out;

  @Mixin CameraOptions cameraOptions = new CameraOptions();

  @Override
  public Integer call() throws Exception {
    return CliSupport.run(spec, this::render);
  }

  private int render() throws IOException {
    SimTask kind = TaskOption.parse(task);
    Episode episode = Episode.create(kind, seed.seed());
    Renderer renderer = new Renderer(cameraOptions.camera());
    Path dir = CliSupport.writableDirectory("--out", out);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "%s%n", describe(episode));
    write(renderer, episode.startWorld(), dir.resolve("start.png"), stdout);
    List<SimWorld> goals = episode.goalWorlds();
    List<String> names = GoalConfigurations.names(kind);
    for (int i = 0; i < goals.size(); i++) {
      String name =
          goals.size() == 1
              ? "goal.png"
              : String.format(Locale.ROOT, "goal-%d-%s.png", i + 1, names.get(i));
      write(renderer, goals.get(i), dir.resolve(name), stdout);
    }
    stdout.flush();
    return 0;
  }

  private static void write(Renderer renderer, SimWorld world, Path file, PrintWriter stdout)
      throws IOException {
    PngImages.write(renderer.render(world.shapes()), file);
    stdout.println("wrote " + file);
  }

  static String describe(Episode e) {
    var start = e.start().positionM();
    var object = e.object().centerM();
    var target = e.targetM();
    return String.format(
        Locale.ROOT,
        "%s seed %d: %s at (%.3f, %.3f, %.3f) m, %s distractor, target (%.3f, %.3f, %.3f) m,"
            + " hand start (%.3f, %.3f, %.3f) m",
        e.task(),
        e.seed(),
        e.objectKind().cliName(),
        object.x(),
        object.y(),
        object.z(),
        e.distractor().kind().cliName(),
        target.x(),
        target.y(),
        target.z(),
        start.x(),
        start.y(),
        start.z());
  }
}
