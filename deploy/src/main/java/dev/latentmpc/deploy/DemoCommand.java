package dev.latentmpc.deploy;

import dev.latentmpc.deploy.config.ConfigException;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.operator.DemoClient;
import dev.latentmpc.deploy.security.ServerTls;
import dev.latentmpc.deploy.server.ControlBackend;
import dev.latentmpc.deploy.server.RunningService;
import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.TaskKind;
import dev.latentmpc.simharness.world.SimWorld;
import dev.latentmpc.worldmodel.cli.ModelCommand;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the main job on the embedded default bundle, end to end.
 *
 * <p>Prints the bundle's summary ({@code model info}), then starts the service in this process as
 * {@code serve} does in sim mode (the seeded sim scene of {@code --task}/{@code --seed}, the
 * operator API on 127.0.0.1 with an ephemeral port, metrics off) and acts as an operator client
 * over a real gRPC socket: renders the episode's goal image(s) with the sim renderer, uploads them,
 * starts the task and prints the live per-step progress, the outcome, the final end-effector
 * distance to the episode's target and the median planning latency per action. The bundled model
 * has untrained weights: its timings are real, its predictions (and so the task's success) are not.
 * {@code model bench} benchmarks the model on its own.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the main job on the embedded default model bundle: the control service in-process"
          + " on a simulated arm, camera and scene, driven over gRPC like an operator would.",
      "Exit status: 0 when the episode ran (whatever its outcome), 1 on errors, 2 bad arguments."
    })
final class DemoCommand implements Callable<Integer> {
  /** System property the launcher sets to the repository root. */
  static final String HOME_PROPERTY = ConfigLoader.HOME_PROPERTY;

  /** The embedded default, relative to the repository root. */
  static final Path DEFAULT_BUNDLE = ConfigLoader.DEFAULT_BUNDLE;

  /** Pick-and-place's fixed moves per sub-goal (grasped, near the target, placed). */
  static final List<Integer> PICK_AND_PLACE_SCHEDULE = List.of(4, 10, 4);

  @Spec CommandSpec spec;

  @Option(
      names = "--bundle",
      paramLabel = "DIR",
      description =
          "Bundle directory (default: the embedded " + "world-model/bundles/untrained-small64).")
  Path bundle;

  @Option(
      names = "--task",
      paramLabel = "TASK",
      defaultValue = "reach",
      description =
          "Sim task: reach, grasp, reach-with-object or pick-and-place (default:"
              + " ${DEFAULT-VALUE}).")
  String task;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "7",
      description = "Episode and planner seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "6",
      description =
          "Fixed moves toward the goal (default: ${DEFAULT-VALUE}; pick-and-place uses 4,10,4).")
  int steps;

  @Option(
      names = "--samples",
      paramLabel = "N",
      defaultValue = "800",
      description = "CEM samples per iteration (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "10",
      description = "CEM iterations per action (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return demo(out, err);
    } catch (RuntimeException e) {
      err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int demo(PrintWriter out, PrintWriter err) {
    TaskKind kind;
    try {
      kind = TaskKind.parse(task);
    } catch (IllegalArgumentException e) {
      err.println("error: --task: " + e.getMessage());
      return 2;
    }
    if (steps < 1 || steps > 1_000) {
      err.println("error: --steps must be in [1, 1000], got " + steps);
      return 2;
    }
    Path dir = bundle != null ? bundle : defaultBundle();
    if (!Files.isRegularFile(dir.resolve("model.json"))) {
      err.println(
          "error: no model bundle at "
              + dir
              + "; run from a checkout of the repository or pass --bundle DIR");
      return 2;
    }
    out.println("== latent-mpc demo: world model " + dir);
    out.println(
        "note: the embedded bundle has untrained weights: its timings are real, its predictions"
            + " are not (a sim-trained default replaces it later)");
    out.flush();
    CommandLine model = ModelCommand.commandLine();
    model.setOut(out);
    model.setErr(err);
    int status = model.execute("info", dir.toString());
    if (status != 0) {
      return status;
    }

    ServeConfig cfg;
    try {
      cfg = ConfigLoader.load(Optional.empty(), settings(dir, kind), ConfigLoader.home());
    } catch (ConfigException e) {
      err.println("error: invalid demo settings: " + String.join("; ", e.errors()));
      return 2;
    }
    Episode episode = Episode.create(kind, seed);
    List<byte[]> goals = goalImages(episode);
    List<Integer> schedule =
        kind == TaskKind.PICK_AND_PLACE ? PICK_AND_PLACE_SCHEDULE : List.of(steps);

    RunningService service;
    try {
      service =
          RunningService.start(
              cfg,
              ServerTls.builder(cfg.api().host(), 0, cfg.security()),
              System::nanoTime,
              LatentMpc.version());
    } catch (RunningService.ListenException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    Thread hook = new Thread(service::close, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ControlBackend backend = service.operator().backend();
      if (backend.model().isEmpty()) {
        err.println(
            "error: the model did not load: " + backend.modelFailure().orElse("unknown reason"));
        return 1;
      }
      String address = cfg.api().host() + ":" + service.operator().port();
      out.printf(
          "== service: operator API on %s for robot '%s' via %s; model %s on %s%n",
          address,
          cfg.robot().robotId(),
          backend.io().description(),
          backend.model().get().spec().name(),
          backend.model().get().status().activeProvider());
      out.printf(
          Locale.ROOT,
          "== operator: %s, seed %d, %d goal image(s) rendered by the sim, steps per goal %s%n",
          kind.cliName(),
          seed,
          goals.size(),
          schedule);
      out.flush();
      DemoClient.Result result;
      try {
        result = DemoClient.run(address, protoKind(kind), goals, schedule, seed, out);
      } catch (StatusRuntimeException e) {
        err.println("error: " + DemoClient.describe(e, address));
        return 1;
      }
      summary(out, episode, result);
      if (result.outcome().isEmpty()) {
        err.println("error: the task's stream ended without an outcome");
        return 1;
      }
      return 0;
    } finally {
      service.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down already: the hook closes the (already closed) service again, a no-op.
      }
    }
  }

  private List<Setting> settings(Path dir, TaskKind kind) {
    String option = "demo";
    return List.of(
        Setting.flag("api.host", "127.0.0.1", option),
        Setting.flag("api.port", "0", option),
        Setting.flag("metrics.port", "-1", option),
        Setting.flag("model.bundle", dir.toAbsolutePath().toString(), "--bundle"),
        Setting.flag("robot.source", "sim", option),
        Setting.flag("robot.sim.task", kind.cliName(), "--task"),
        Setting.flag("robot.sim.seed", Long.toString(seed), "--seed"),
        Setting.flag("planner.samples", Integer.toString(samples), "--samples"),
        Setting.flag("planner.iterations", Integer.toString(iterations), "--iterations"));
  }

  /** The episode's goal configuration(s), rendered and PNG-encoded as the camera would see them. */
  private static List<byte[]> goalImages(Episode episode) {
    Renderer renderer = new Renderer(CameraSpec.DEFAULT);
    List<byte[]> pngs = new ArrayList<>();
    for (SimWorld goal : episode.goalWorlds()) {
      pngs.add(PngImages.encode(renderer.render(goal.shapes())));
    }
    return pngs;
  }

  private static void summary(PrintWriter out, Episode episode, DemoClient.Result result) {
    List<StepEvent> events = result.steps();
    if (!events.isEmpty()) {
      StepEvent last = events.get(events.size() - 1);
      EndEffectorState ee =
          last.hasArmStateAfter() ? last.getArmStateAfter() : last.getArmStateBefore();
      Vec3 t = episode.targetM();
      double d =
          Math.sqrt(
              square(ee.getXM() - t.x()) + square(ee.getYM() - t.y()) + square(ee.getZM() - t.z()));
      out.printf(
          Locale.ROOT,
          "final end effector (%.3f, %.3f, %.3f) m; episode target (%.3f, %.3f, %.3f) m;"
              + " distance %.3f m%n",
          ee.getXM(),
          ee.getYM(),
          ee.getZM(),
          t.x(),
          t.y(),
          t.z(),
          d);
      double[] plan =
          events.stream()
              .mapToDouble(e -> e.getLatencies().getPlanSeconds() * 1e3)
              .sorted()
              .toArray();
      double median =
          plan.length % 2 == 1
              ? plan[plan.length / 2]
              : (plan[plan.length / 2 - 1] + plan[plan.length / 2]) / 2;
      out.printf(
          Locale.ROOT,
          "planning latency per action: median %.1f ms over %d step(s)%n",
          median,
          plan.length);
    }
    out.println(
        "note: untrained weights, so the outcome says nothing about the method; the latencies"
            + " are real");
    out.flush();
  }

  private static double square(double v) {
    return v * v;
  }

  private static dev.latentmpc.proto.control.v1.TaskKind protoKind(TaskKind kind) {
    return switch (kind) {
      case REACH -> dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_REACH;
      case GRASP -> dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_GRASP;
      case REACH_WITH_OBJECT -> dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_REACH_WITH_OBJECT;
      case PICK_AND_PLACE -> dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_PICK_AND_PLACE;
    };
  }

  private static Path defaultBundle() {
    return ConfigLoader.home().resolve(DEFAULT_BUNDLE);
  }
}
