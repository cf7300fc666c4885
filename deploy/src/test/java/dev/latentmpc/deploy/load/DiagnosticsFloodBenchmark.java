package dev.latentmpc.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.latentmpc.controller.rpc.BearerToken;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.security.ServerTls;
import dev.latentmpc.deploy.security.TokenStore;
import dev.latentmpc.deploy.server.RunningService;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.GoalRef;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.PlanOnceRequest;
import dev.latentmpc.proto.control.v1.PlannerOverrides;
import dev.latentmpc.proto.control.v1.ReachTarget;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running reach task's planning latency, quiet and while 8 viewers loop PlanOnce at 4096 samples
 * × 50 iterations: the service as {@code serve} composes it (tokens, one operator and 8 viewers,
 * default diagnostics limits), the embedded default bundle, the in-process sim with real-time
 * moves, the paper's planner settings (800 × 10) for the task, over a real socket.
 *
 * <p>Prints the p50 (and p95, max) of the plan phase of each step ({@code StepEvent.latencies}) for
 * the quiet task, the same task under the flood and once more quiet (a drift of the machine's own
 * load shows as a difference between the two quiet rows), and how the flood's calls ended. The task
 * names an unreachable-by-chance reach target (1 mm tolerance) so that it runs all its steps.
 *
 * <p>Tagged {@code benchmark} (left out of the default build). Run it with
 *
 * <pre>
 * mvn -B -pl deploy -am test -Dgroups=benchmark -DexcludedGroups= \
 *     -Dtest=DiagnosticsFloodBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dorg.slf4j.simpleLogger.log.dev.latentmpc=warn \
 *     -Dorg.slf4j.simpleLogger.log.latentmpc.audit=warn
 * </pre>
 *
 * <p>{@code -Dbench.steps=N} sets the steps per task (default 20), {@code -Dbench.clients=N} the
 * flooding viewers (default 8).
 */
@Tag("benchmark")
class DiagnosticsFloodBenchmark {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final long SEED = 11;
  private static final int FLOOD_SAMPLES = 4096;
  private static final int FLOOD_ITERATIONS = 50;

  @TempDir Path dir;

  @Test
  void printsQuietAndFloodedPlanningLatency() throws Exception {
    int steps = Integer.getInteger("bench.steps", 20);
    int clients = Integer.getInteger("bench.clients", 8);
    List<String> tokenLines = new ArrayList<>();
    tokenLines.add("operator op " + TokenStore.hashHex("op-token"));
    for (int i = 0; i < clients; i++) {
      tokenLines.add("viewer viewer" + i + " " + TokenStore.hashHex("viewer-token-" + i));
    }
    Path tokens = Files.write(dir.resolve("tokens.txt"), tokenLines);
    ServeConfig config =
        ConfigLoader.defaultsWith(
            HOME,
            Setting.assignment("robot.source=sim"),
            Setting.assignment("api.port=0"),
            Setting.assignment("metrics.port=-1"),
            Setting.assignment("security.auth=token"),
            Setting.assignment("security.tokensFile=" + tokens));
    try (RunningService service =
        RunningService.start(
            config,
            ServerTls.builder("127.0.0.1", 0, config.security()),
            System::nanoTime,
            "bench")) {
      int port = service.operator().port();
      ManagedChannel operatorChannel = channel(port, "op-token");
      try {
        run(operatorChannel, port, steps, clients);
      } finally {
        operatorChannel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  private void run(ManagedChannel operatorChannel, int port, int steps, int clients)
      throws Exception {
    ControlGrpc.ControlBlockingStub operator = ControlGrpc.newBlockingStub(operatorChannel);
    Episode episode = Episode.create(dev.latentmpc.simharness.task.SimTask.REACH, SEED);
    Renderer renderer = new Renderer(CameraSpec.DEFAULT);
    byte[] goalPng = PngImages.encode(renderer.render(episode.goalWorlds().get(0).shapes()));
    byte[] startPng = PngImages.encode(renderer.render(episode.startWorld().shapes()));
    String goalId =
        operator
            .uploadGoal(UploadGoalRequest.newBuilder().setImage(encoded(goalPng)).build())
            .getGoalId();

    runTask(operator, goalId, 2); // warm-up: the first steps of a process are slower
    double[] quiet = runTask(operator, goalId, steps);

    Flood flood = new Flood(port, clients, planRequest(startPng, goalId));
    flood.start();
    Thread.sleep(3000); // a diagnostic is running mid-call when the task starts
    double[] flooded;
    try {
      flooded = runTask(operator, goalId, steps);
    } finally {
      flood.stop();
    }
    double[] quietAgain = runTask(operator, goalId, steps); // shows drift of the machine's load

    double quietP50 = percentile(quiet, 50);
    double floodedP50 = percentile(flooded, 50);
    System.out.printf(
        Locale.ROOT,
        "%nDiagnostics flood benchmark: reach task, %d steps, planner 800 x 10; %d viewers looping"
            + " PlanOnce %d x %d; %d cores%n",
        steps,
        clients,
        FLOOD_SAMPLES,
        FLOOD_ITERATIONS,
        Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s%n", "task", "p50_s", "p95_s", "max_s");
    print("quiet", quiet);
    print("flooded", flooded);
    print("quiet", quietAgain);
    System.out.printf(
        Locale.ROOT,
        "flooded p50 / quiet p50 = %.3f; flood calls by status: %s%n",
        floodedP50 / quietP50,
        flood.outcomes());
    assertThat(quiet).hasSize(steps);
    assertThat(flooded).hasSize(steps);
  }

  /** Runs one reach task of {@code steps} fixed steps and returns each step's plan seconds. */
  private static double[] runTask(
      ControlGrpc.ControlBlockingStub operator, String goalId, int steps) {
    StartTaskRequest request =
        StartTaskRequest.newBuilder()
            .setKind(TaskKind.TASK_KIND_REACH)
            .addGoalIds(goalId)
            .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(steps))
            .setReachTarget(
                ReachTarget.newBuilder().setXM(0.5).setYM(0.0).setZM(0.3).setToleranceM(0.001))
            .setSeed(SEED)
            .build();
    List<Double> plan = new ArrayList<>();
    Iterator<TaskUpdate> updates =
        operator.withDeadlineAfter(30, TimeUnit.MINUTES).startTask(request);
    while (updates.hasNext()) {
      TaskUpdate update = updates.next();
      if (update.hasStep() && update.getStep().getPlanIterations() > 0) {
        plan.add(update.getStep().getLatencies().getPlanSeconds());
      }
    }
    return plan.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static PlanOnceRequest planRequest(byte[] framePng, String goalId) {
    return PlanOnceRequest.newBuilder()
        .setFrame(encoded(framePng))
        .setState(EndEffectorState.newBuilder().setXM(0.45).setZM(0.35).setRollRad(Math.PI))
        .setGoal(GoalRef.newBuilder().setGoalId(goalId))
        .setPlanner(
            PlannerOverrides.newBuilder()
                .setSamples(FLOOD_SAMPLES)
                .setIterations(FLOOD_ITERATIONS)
                .setTopK(10))
        .setSeed(SEED)
        .build();
  }

  /** Viewers that each loop PlanOnce on their own channel until stopped. */
  private static final class Flood {
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Status.Code, Integer> outcomes = new EnumMap<>(Status.Code.class);
    private final AtomicBoolean stopping = new AtomicBoolean();

    Flood(int port, int clients, PlanOnceRequest request) {
      for (int i = 0; i < clients; i++) {
        ManagedChannel channel = channel(port, "viewer-token-" + i);
        channels.add(channel);
        ControlGrpc.ControlBlockingStub viewer = ControlGrpc.newBlockingStub(channel);
        threads.add(
            Thread.ofPlatform()
                .name("flood-" + i)
                .unstarted(() -> {
                  while (!stopping.get()) {
                    Status.Code code;
                    try {
                      viewer.withDeadlineAfter(10, TimeUnit.MINUTES).planOnce(request);
                      code = Status.Code.OK;
                    } catch (StatusRuntimeException e) {
                      code = e.getStatus().getCode();
                    }
                    if (!stopping.get()) {
                      record(code);
                    }
                  }
                }));
      }
    }

    void start() {
      threads.forEach(Thread::start);
    }

    void stop() throws InterruptedException {
      stopping.set(true);
      for (ManagedChannel channel : channels) {
        channel.shutdownNow();
      }
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      }
    }

    private synchronized void record(Status.Code code) {
      outcomes.merge(code, 1, Integer::sum);
    }

    synchronized Map<Status.Code, Integer> outcomes() {
      return new EnumMap<>(outcomes);
    }
  }

  private static ManagedChannel channel(int port, String token) {
    return Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
        .intercept(BearerToken.interceptor(token))
        .maxInboundMessageSize(64 << 20)
        .build();
  }

  private static Image encoded(byte[] png) {
    return Image.newBuilder().setEncoded(ByteString.copyFrom(png)).build();
  }

  private static void print(String name, double[] seconds) {
    System.out.printf(
        Locale.ROOT,
        "%-8s %8.3f %8.3f %8.3f%n",
        name,
        percentile(seconds, 50),
        percentile(seconds, 95),
        Arrays.stream(seconds).max().orElse(Double.NaN));
  }

  /** Nearest-rank percentile. */
  private static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
