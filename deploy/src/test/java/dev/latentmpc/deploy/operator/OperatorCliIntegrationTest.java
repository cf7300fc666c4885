package dev.latentmpc.deploy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.deploy.LatentMpc;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.server.ControlBackend;
import dev.latentmpc.deploy.server.OperatorServer;
import dev.latentmpc.deploy.server.RobotIoFactory;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.worldmodel.ModelSpec;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code latent-mpc operator ...} against a real server on a socket: the in-process simulated reach
 * scene (moves complete at once) behind the operator API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCliIntegrationTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  private Path dir;
  private OperatorServer server;
  private Path goal;
  private Path start;
  private StringWriter out;
  private StringWriter err;

  @BeforeAll
  void startServer(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    ServeConfig config =
        ConfigLoader.defaultsWith(
            HOME,
            Setting.assignment("robot.sim.seed=7"),
            Setting.assignment("robot.sim.pacing=false"));
    ControlBackend backend =
        ControlBackend.assemble(
            config, RobotIoFactory.open(config.robot(), System::nanoTime), System::nanoTime, "t");
    server =
        new OperatorServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                backend,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1))
            .start();
    Episode episode = Episode.create(SimTask.REACH, 7);
    Renderer renderer = new Renderer(CameraSpec.DEFAULT);
    goal = Files.write(dir.resolve("goal.png"), png(renderer, episode.goalWorlds().get(0)));
    start = Files.write(dir.resolve("start.png"), png(renderer, episode.startWorld()));
  }

  private static byte[] png(Renderer renderer, dev.latentmpc.simharness.world.SimWorld world) {
    return PngImages.encode(renderer.render(world.shapes()));
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Test
  void uploadPrintsOneGoalIdPerFile() {
    assertThat(operator("upload", goal.toString(), start.toString())).isZero();

    assertThat(out.toString().lines().toList())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).matches("[0-9a-f]{64}"));
    assertThat(err.toString()).contains("goal.png: goal ").contains("256x256 px");
  }

  @Test
  void runShowsEveryStepThenTheOutcome() {
    int status = runReach("--schedule", "3", "--samples", "16", "--iterations", "2", "--seed", "5");

    assertThat(status).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).contains("seed 5, CEM 16 samples x 2 iterations");
    assertThat(lines.get(1)).startsWith("step goal    energy");
    Pattern step =
        Pattern.compile("^\\s+(\\d+)\\s+0\\s+\\d+\\.\\d{5}(\\s+\\d+\\.\\d){5}\\s+[-+].*");
    List<Integer> indices = new ArrayList<>();
    for (String line : lines.subList(2, lines.size() - 1)) {
      var m = step.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      indices.add(Integer.parseInt(m.group(1)));
    }
    assertThat(indices).containsExactly(0, 1, 2);
    assertThat(lines.get(lines.size() - 1)).startsWith("outcome: completed after 3 steps");
  }

  @Test
  void runSendsTheSamplingHooksAndShowsThem() {
    int status =
        runReach(
            "--schedule",
            "2",
            "--samples",
            "16",
            "--iterations",
            "2",
            "--sampling",
            "pin-dz=0.01,gripper-std=0.5",
            "--goal-sampling",
            "0:pin-dgripper=-0.5");

    assertThat(status).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(1))
        .isEqualTo(
            "sampling gripper-std=0.5,pin-dz=0.01; per goal: 0:gripper-std=0.5,pin-dz=0.01,"
                + "pin-dgripper=-0.5");
    // Planned and sent: Δz held at 1 cm, Δgripper at -0.5 (the fingers start open: clamped to 0).
    assertThat(lines.subList(3, 5)).allSatisfy(line -> assertThat(line).contains("+0.010"));
  }

  @Test
  void malformedSamplingHooksExitTwoWithTheForm() {
    assertThat(runReach("--sampling", "pin-dz")).isEqualTo(2);
    assertThat(err.toString())
        .contains("error: --sampling 'pin-dz': 'pin-dz' is not KEY=VALUE with KEY one of");
    assertThat(runReach("--goal-sampling", "1:close-from=0")).isEqualTo(2);
    assertThat(err.toString()).contains("start with the goal's 0-based index in [0, 0]");
  }

  @Test
  void estopLatchesUntilReset() {
    assertThat(operator("estop", "--reason", "test")).isZero();
    assertThat(out.toString()).contains("emergency stop latched on franka-panda");

    assertThat(runReach()).isEqualTo(1);
    assertThat(err.toString())
        .contains("error: FAILED_PRECONDITION: emergency stop latched")
        .contains("operator reset-estop");

    assertThat(operator("status")).isZero();
    assertThat(out.toString()).contains("LATCHED (test)").contains("task:           idle");

    assertThat(operator("reset-estop")).isZero();
    assertThat(operator("status")).isZero();
    assertThat(out.toString()).contains("emergency stop: clear");
  }

  @Test
  void landscapeSavesTheHeatmapAndPrintsTheArgmin() throws Exception {
    Path heat = dir.resolve("heat.png");

    int status =
        operator(
            "landscape",
            "--frame",
            start.toString(),
            "--goal",
            goal.toString(),
            "--state",
            "0.4,0,0.3,3.14159,0,0,0",
            "--out",
            heat.toString(),
            "--steps",
            "5");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).containsPattern("argmin: dx [-+]0\\.\\d{4} m, dy [-+]0\\.\\d{4} m");
    assertThat(Files.readAllBytes(heat)).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void infoShowsModelAndPlannerDefaults() {
    assertThat(operator("info")).isZero();

    assertThat(out.toString())
        .contains(
            "model:     " + ModelSpec.load(HOME.resolve(ConfigLoader.DEFAULT_BUNDLE), false).name())
        .contains("planner:   800 samples x 10 iterations, top 10, horizon 1");
  }

  @Test
  void badArgumentsExitTwoWithOneLine() {
    assertThat(runReach("--schedule", "2,2")).isEqualTo(2);
    assertThat(err.toString().lines().toList())
        .containsExactly(
            "error: --schedule has 2 entries but 1 --goal image(s) were given;"
                + " give one entry per goal");

    assertThat(operator("upload", dir.resolve("missing.png").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
  }

  @Test
  void serverErrorsExitOneWithStatusAndFix() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertThat(run("operator", "status", "--server", "127.0.0.1:" + closedPort)).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: UNAVAILABLE").contains("latent-mpc serve");

    assertThat(operator("cancel", "no-such-task")).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: NOT_FOUND");
  }

  @Test
  void ctrlCCancelsTheTaskAndStillShowsTheOutcome() throws Exception {
    ServerOptions options = new ServerOptions();
    options.server = "127.0.0.1:" + server.port();
    options.timeoutSeconds = 30;
    CountDownLatch firstStep = new CountDownLatch(1);
    StringWriter shown = new StringWriter();
    Writer watching =
        new Writer() {
          @Override
          public void write(char[] chars, int offset, int length) {
            shown.write(chars, offset, length);
            if (shown.toString().contains("\n   0    0 ")) {
              firstStep.countDown();
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    TaskWatch watch = new TaskWatch(new ProgressPrinter(new PrintWriter(watching, true)));
    CompletableFuture<Integer> status;
    try (OperatorConnection connection = OperatorConnection.open(options)) {
      String goalId =
          UploadCommand.upload(
                  connection, "--goal", List.of(goal), new PrintWriter(new StringWriter()))
              .get(0);
      StartTaskRequest request =
          StartTaskRequest.newBuilder()
              .addGoalIds(goalId)
              .setKind(dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_REACH)
              .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(500))
              .build();
      status = CompletableFuture.supplyAsync(() -> watch.watch(connection, request));
      assertThat(firstStep.await(30, TimeUnit.SECONDS)).isTrue();

      watch.interrupt(connection, Duration.ofSeconds(10));

      assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(TaskWatch.EXIT_INTERRUPTED);
    }
    assertThat(shown.toString()).contains("Ctrl-C: cancelling").contains("outcome: cancelled");
  }

  /** {@code operator run --task reach --goal <goal.png>} with {@code args} after. */
  private int runReach(String... args) {
    List<String> all = new ArrayList<>(List.of("--task", "reach", "--goal", goal.toString()));
    all.addAll(List.of(args));
    return operator("run", all.toArray(String[]::new));
  }

  private int operator(String subcommand, String... args) {
    List<String> all = new ArrayList<>(List.of("operator", subcommand));
    all.addAll(List.of(args));
    all.add("--server");
    all.add("127.0.0.1:" + server.port());
    return run(all.toArray(String[]::new));
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = LatentMpc.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
