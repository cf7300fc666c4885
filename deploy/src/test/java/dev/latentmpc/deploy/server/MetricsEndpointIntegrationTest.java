package dev.latentmpc.deploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.metrics.MetricsHttpServer;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.StepEvent;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.render.PngImages;
import dev.latentmpc.simharness.render.Renderer;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service as {@code serve} composes it ({@link RunningService}: in-process sim or the sim
 * bridge, the committed small bundle, CEM reduced to 64 samples × 3 iterations, metrics on a free
 * port), a short task over a real gRPC client, then {@code GET /metrics} over HTTP: the contract's
 * series exist with values that match what the client saw, and the scrape passes {@code promtool
 * check metrics}.
 */
class MetricsEndpointIntegrationTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final long SEED = 0;
  private static final int STEPS = 3;
  private static final int ITERATIONS = 3;
  private static final Path DEBIAN_PROMTOOL = Path.of("/usr/bin/promtool");

  private final HttpClient http = HttpClient.newHttpClient();
  private SimBridgeFixture bridge;
  private RunningService service;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    Teardown.closeAll(channel, service, bridge);
  }

  @Test
  void aSimTaskShowsUpInEveryContractSeries() throws Exception {
    start(Setting.assignment("robot.sim.pacing=false"));

    List<StepEvent> steps = runReach();
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    PrometheusText scrape = new PrometheusText(response.body());
    long moved = steps.stream().filter(StepEvent::getCommandSent).count();
    assertStepSeries(scrape, steps.size(), moved);
    assertThat(scrape.value("latentmpc_cem_iteration_seconds_count"))
        .isEqualTo(steps.stream().mapToInt(StepEvent::getPlanIterations).sum());
    assertThat(scrape.value("latentmpc_step_energy_count")).isEqualTo(moved);
    assertThat(scrape.value("latentmpc_camera_frame_age_seconds_count")).isEqualTo(steps.size());
    assertBuckets(scrape, "latentmpc_camera_frame_age_seconds", 10);
    assertThat(
            scrape.value("latentmpc_envelope_decisions_total", "outcome=passed")
                + scrape.value("latentmpc_envelope_decisions_total", "outcome=clamped"))
        .isEqualTo(moved);
    assertThat(scrape.value("latentmpc_subgoal_switches_total", "reason=step_limit")).isEqualTo(1);
    assertThat(scrape.value("latentmpc_task_outcomes_total", "status=completed")).isEqualTo(1);
    assertThat(scrape.value("latentmpc_task_outcomes_total", "status=failed")).isZero();
    assertThat(scrape.value("latentmpc_task_active", "robot=franka-panda")).isZero();
    assertModelSeries(scrape, steps.size());
    assertGrpcAndJvmSeries(scrape);
    // Bridge meters exist only with bridge IO.
    assertThat(scrape.find("latentmpc_bridge_call_seconds_count")).isEmpty();
    assertThat(scrape.samples())
        .allSatisfy(s -> assertThat(s.labels()).containsEntry("application", "latent-mpc"));
  }

  @Test
  void bridgeCallsAreTimedByMethodAndStatus() throws Exception {
    bridge = new SimBridgeFixture(Episode.create(SimTask.REACH, SEED));
    start(
        Setting.assignment("robot.source=bridge"),
        Setting.assignment("robot.bridge.address=" + bridge.address()));

    List<StepEvent> steps = runReach();
    PrometheusText scrape = new PrometheusText(get("/metrics").body());

    long moved = steps.stream().filter(StepEvent::getCommandSent).count();
    assertThat(scrape.value("latentmpc_bridge_call_seconds_count", "method=MoveDelta", "status=OK"))
        .isEqualTo(moved)
        .isEqualTo(bridge.arm.movesStarted());
    assertThat(scrape.value("latentmpc_bridge_call_seconds_count", "method=GetFrame", "status=OK"))
        .isGreaterThanOrEqualTo(steps.size());
    assertThat(scrape.value("latentmpc_bridge_call_seconds_count", "method=GetState", "status=OK"))
        .isGreaterThanOrEqualTo(steps.size());
    assertThat(scrape.value("latentmpc_bridge_call_seconds_count", "method=Stop", "status=OK"))
        .isGreaterThanOrEqualTo(1);
    assertThat(scrape.value("latentmpc_bridge_call_seconds_sum", "method=MoveDelta", "status=OK"))
        .isPositive();
    assertBuckets(scrape, "latentmpc_bridge_call_seconds", 13, "method=MoveDelta", "status=OK");
    for (String method : new String[] {"GetState", "MoveDelta", "Stop", "GetFrame"}) {
      assertThat(scrape.value("latentmpc_bridge_errors_total", "method=" + method)).isZero();
    }
  }

  @Test
  void theScrapePassesPromtoolCheckMetrics() throws Exception {
    start(Setting.assignment("robot.sim.pacing=false"));
    runReach();
    String scrape = get("/metrics").body();

    Path promtool = promtool();
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(scrape.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(output).as("promtool check metrics output").isEmpty();
    assertThat(process.exitValue()).as("promtool exit status").isZero();
  }

  @Test
  void closingTheServiceStopsTheEndpointAndPortMinusOneServesNone() throws Exception {
    start(Setting.assignment("robot.sim.pacing=false"));
    assertThat(get("/metrics").statusCode()).isEqualTo(200);
    int port = service.metrics().orElseThrow().port();

    service.close();

    assertThatThrownBy(() ->
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    service = null;
    start(Setting.assignment("metrics.port=-1"));
    assertThat(service.metrics()).isEmpty();
  }

  private void start(Setting... extra) throws Exception {
    List<Setting> settings =
        new ArrayList<>(
            List.of(
                Setting.assignment("planner.samples=64"),
                Setting.assignment("planner.iterations=" + ITERATIONS),
                Setting.assignment("api.port=0"),
                Setting.assignment("metrics.port=0"),
                Setting.assignment("robot.sim.seed=" + SEED)));
    settings.addAll(List.of(extra));
    ServeConfig config = ConfigLoader.defaultsWith(HOME, settings.toArray(Setting[]::new));
    service =
        RunningService.start(
            config,
            NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
            System::nanoTime,
            "test");
    channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", service.operator().port(), InsecureChannelCredentials.create())
            .build();
  }

  /** Uploads the reach goal, runs {@value #STEPS} steps and returns the step events streamed. */
  private List<StepEvent> runReach() {
    Episode episode = Episode.create(SimTask.REACH, SEED);
    byte[] png =
        PngImages.encode(
            new Renderer(CameraSpec.DEFAULT).render(episode.goalWorlds().get(0).shapes()));
    String goalId =
        stub()
            .uploadGoal(
                UploadGoalRequest.newBuilder()
                    .setImage(Image.newBuilder().setEncoded(ByteString.copyFrom(png)))
                    .build())
            .getGoalId();
    StartTaskRequest request =
        StartTaskRequest.newBuilder()
            .setKind(TaskKind.TASK_KIND_REACH)
            .addGoalIds(goalId)
            .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(STEPS))
            .setSeed(SEED)
            .build();
    List<TaskUpdate> updates = new ArrayList<>();
    stub().startTask(request).forEachRemaining(updates::add);
    assertThat(updates.get(updates.size() - 1).getOutcome().getStatus())
        .isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    List<StepEvent> steps =
        updates.stream().filter(TaskUpdate::hasStep).map(TaskUpdate::getStep).toList();
    assertThat(steps).hasSizeGreaterThanOrEqualTo(STEPS);
    return steps;
  }

  private static void assertStepSeries(PrometheusText scrape, int steps, long moved) {
    assertThat(scrape.value("latentmpc_steps_total", "outcome=moved")).isEqualTo(moved);
    assertThat(scrape.value("latentmpc_steps_total", "outcome=held")).isEqualTo(steps - moved);
    for (String phase : new String[] {"camera", "encode", "plan", "execute", "total"}) {
      assertBuckets(scrape, "latentmpc_step_phase_seconds", 16, "phase=" + phase);
      assertThat(scrape.value("latentmpc_step_phase_seconds_sum", "phase=" + phase)).isPositive();
    }
    assertThat(scrape.value("latentmpc_step_phase_seconds_count", "phase=total")).isEqualTo(steps);
    assertThat(scrape.value("latentmpc_step_phase_seconds_count", "phase=execute"))
        .isEqualTo(moved);
    // A whole step takes at least its planning.
    assertThat(scrape.value("latentmpc_step_phase_seconds_sum", "phase=total"))
        .isGreaterThanOrEqualTo(scrape.value("latentmpc_step_phase_seconds_sum", "phase=plan"));
  }

  private static void assertModelSeries(PrometheusText scrape, int steps) {
    // One energies call per CEM iteration; one encode per step plus the goal's.
    assertThat(
            scrape.value("latentmpc_model_inference_seconds_count", "graph=energy", "provider=CPU"))
        .isEqualTo(scrape.value("latentmpc_cem_iteration_seconds_count"));
    assertThat(
            scrape.value(
                "latentmpc_model_inference_seconds_count", "graph=encoder", "provider=CPU"))
        .isEqualTo(steps + 1);
    assertBuckets(scrape, "latentmpc_model_inference_seconds", 16, "graph=energy", "provider=CPU");
  }

  private static void assertGrpcAndJvmSeries(PrometheusText scrape) {
    assertThat(
            scrape.value(
                "grpc_server_processing_duration_seconds_count",
                "method=StartTask",
                "status_code=OK"))
        .isEqualTo(1);
    assertThat(
            scrape.value(
                "grpc_server_requests_received_messages_total",
                "service=latentmpc.control.v1.Control",
                "method=UploadGoal"))
        .isEqualTo(1);
    assertThat(scrape.find("jvm_memory_used_bytes")).isNotEmpty();
    assertThat(scrape.find("jvm_threads_live_threads")).isNotEmpty();
    assertThat(scrape.value("process_uptime_seconds")).isPositive();
    assertThat(scrape.value("process_cpu_seconds_total")).isPositive();
    assertThat(scrape.value("system_cpu_cores")).isPositive();
  }

  /** Cumulative buckets, non-decreasing, the last (+Inf) equal to the count. */
  private static void assertBuckets(
      PrometheusText scrape, String histogram, int buckets, String... labels) {
    List<PrometheusText.Sample> found = scrape.find(histogram + "_bucket", labels);
    assertThat(found).hasSize(buckets);
    for (int i = 1; i < found.size(); i++) {
      assertThat(found.get(i).value()).isGreaterThanOrEqualTo(found.get(i - 1).value());
    }
    assertThat(found.get(found.size() - 1).labels()).containsEntry("le", "+Inf");
    assertThat(found.get(found.size() - 1).value())
        .isEqualTo(scrape.value(histogram + "_count", labels));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    String url = service.metrics().orElseThrow().url().replace(MetricsHttpServer.PATH, path);
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private ControlGrpc.ControlBlockingStub stub() {
    return ControlGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  /** Debian's promtool (package {@code prometheus}); missing is a failure, never a skip. */
  private static Path promtool() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    if (Files.isExecutable(DEBIAN_PROMTOOL)) {
      return DEBIAN_PROMTOOL;
    }
    return fail(
        "promtool not found on PATH or at %s: install Debian's prometheus package"
            + " (sudo apt-get install prometheus; deploy/bin/test-all installs it)",
        DEBIAN_PROMTOOL);
  }
}
