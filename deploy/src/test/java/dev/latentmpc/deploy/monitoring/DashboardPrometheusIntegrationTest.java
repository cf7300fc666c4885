package dev.latentmpc.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.server.RunningService;
import dev.latentmpc.deploy.server.SimBridgeFixture;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
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
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules against a real Prometheus.
 *
 * <p>Two services run in this JVM with the committed small bundle, CEM reduced to 64 x 3 and their
 * metrics on free ports: one on the in-process sim ({@code robot.source=sim}), one driving a
 * simulated robot over the bridge protocol ({@code robot.source=bridge}, the robot-PC setup).
 * Debian's {@code prometheus} runs as a child process on 127.0.0.1, scraping both every second with
 * {@code alerts.yaml} loaded. Through a gRPC client each service runs one short task to its end and
 * keeps a second one stepping. Once Prometheus holds enough scrapes, the planning latency p95 is
 * queried with the dashboard's own PromQL (finite, positive, and equal to the metric contract's
 * expression); then every query of every panel is evaluated with Grafana's variables substituted,
 * for all services and for each one, and every rule must evaluate without error.
 */
class DashboardPrometheusIntegrationTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final long SEED = 3;
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String JOB = "latent-mpc";

  /**
   * Evaluation time lag behind the wall clock: no scrape still in flight can add a sample before
   * it, so every query at that time sees the same data.
   */
  private static final double SETTLE_SECONDS = 2;

  /** The metric contract's PromQL (issue 6), which the dashboard's panels must agree with. */
  private static final String CONTRACT_P95_BY_PHASE =
      "histogram_quantile(0.95, sum by (le, phase)"
          + " (rate(latentmpc_step_phase_seconds_bucket[1m])))";

  private static final String CONTRACT_P50_TOTAL =
      "histogram_quantile(0.5, sum by (le)"
          + " (rate(latentmpc_step_phase_seconds_bucket{phase=\"total\"}[1m])))";

  private static final String P95_PANEL = "Step phase latency p95 by phase";
  private static final String TIME_PER_ACTION_PANEL = "Time per action";

  /** Panels that this run may leave empty, and why. Every other panel must return data. */
  private static final Map<String, String> MAY_BE_EMPTY =
      Map.of(
          "Envelope clamps and rejections", "the envelope may pass every sim command",
          "Sub-goal switches", "one goal, a fixed schedule",
          "Camera frame drops", "the sim cameras drop nothing",
          "Camera reconnects", "the sim cameras never disconnect",
          "GC pause time", "a short run may see no collection",
          "Bridge errors", "a healthy bridge fails no call");

  /** Panels that only a service in bridge mode fills. */
  private static final Set<String> BRIDGE_PANELS =
      Set.of("Bridge latency p95 by method", "Bridge errors", "Bridge calls by status");

  private static final Set<String> PHASES = Set.of("camera", "encode", "plan", "execute", "total");

  /** One service under test, its gRPC channel and its metrics target. */
  private record Robot(String name, RunningService service, ManagedChannel channel, boolean bridge)
      implements AutoCloseable {
    String target() {
      return "127.0.0.1:" + service.metrics().orElseThrow().port();
    }

    ControlGrpc.ControlBlockingStub control() {
      return ControlGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void dashboardQueriesAndAlertRulesWorkOnARealPrometheusScrapingTheService() throws Exception {
    GrafanaDashboard dashboard = GrafanaDashboard.read(DeployDir.dashboard());
    Episode episode = Episode.create(SimTask.REACH, SEED);
    try (SimBridgeFixture bridge = SimBridgeFixture.instant(episode);
        RunningService inProcess =
            startService(
                Setting.assignment("robot.source=sim"),
                Setting.assignment("robot.sim.task=reach"),
                Setting.assignment("robot.sim.seed=" + SEED),
                Setting.assignment("robot.sim.pacing=false"));
        RunningService overBridge =
            startService(
                Setting.assignment("robot.source=bridge"),
                Setting.assignment("robot.bridge.address=" + bridge.address()));
        Robot sim = robot("in-process sim", inProcess, false);
        Robot robot = robot("bridge", overBridge, true);
        PrometheusServer prometheus =
            PrometheusServer.start(
                scrapeConfig(List.of(sim.target(), robot.target())),
                List.of(DeployDir.prometheus().resolve("alerts.yaml")))) {
      runTasksAndCheck(dashboard, prometheus, episode, List.of(sim, robot));
    }
  }

  private void runTasksAndCheck(
      GrafanaDashboard dashboard, PrometheusServer prometheus, Episode episode, List<Robot> robots)
      throws Exception {
    List<RunningTask> running = new ArrayList<>();
    try {
      for (Robot r : robots) {
        String goalId = uploadGoal(r.control(), episode);
        // A short task to its end: a task outcome for the outcome and success-rate panels.
        List<TaskUpdate> first = new ArrayList<>();
        r.control().startTask(task(goalId, 3)).forEachRemaining(first::add);
        assertThat(first.get(first.size() - 1).getOutcome().getStatus())
            .as("%s: first task", r.name())
            .isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
        // A long task that keeps stepping while Prometheus scrapes and the panels are evaluated. It
        // is a grasp task on the reach scene, so the sim's ground truth (reach) cannot end it early
        // once the trained model has reached the goal.
        running.add(RunningTask.start(r, task(goalId, 1000, TaskKind.TASK_KIND_GRASP)));
      }
      checkDashboardAndRules(dashboard, prometheus, robots);
    } finally {
      for (RunningTask task : running) {
        task.cancel();
      }
    }
    for (RunningTask task : running) {
      assertThat(task.outcome().get(30, TimeUnit.SECONDS))
          .isEqualTo(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
    }
  }

  private void checkDashboardAndRules(
      GrafanaDashboard dashboard, PrometheusServer prometheus, List<Robot> robots)
      throws Exception {
    Map<String, String> all = variableValues(dashboard, allValue(dashboard));
    String p95Query =
        GrafanaDashboard.substitute(dashboard.queriesOf(P95_PANEL).get(0).expr(), all);
    double at = awaitScrapes(dashboard, prometheus, robots);

    Map<String, Double> p95 = byPhase(prometheus.vector(p95Query, at));
    System.out.printf(
        "planning latency p95 by phase, dashboard PromQL on Prometheus, all services (s): %s%n",
        p95);
    assertThat(p95.keySet()).containsAll(PHASES);
    p95.forEach((phase, seconds) ->
        assertThat(seconds).as("p95 of %s", phase).isFinite().isPositive().isLessThan(60));
    assertThat(byPhase(prometheus.vector(CONTRACT_P95_BY_PHASE, at)))
        .as("the metric contract's p95 PromQL gives the dashboard's numbers")
        .isEqualTo(p95);
    String p50Total =
        GrafanaDashboard.substitute(dashboard.queriesOf(TIME_PER_ACTION_PANEL).get(0).expr(), all);
    assertThat(single(prometheus.vector(p50Total, at)))
        .isCloseTo(single(prometheus.vector(CONTRACT_P50_TOTAL, at)), within(1e-12))
        .isPositive();

    List<String> problems = new ArrayList<>(evaluateEveryPanel(dashboard, prometheus, all, at, ""));
    for (Robot r : robots) {
      Map<String, String> one = variableValues(dashboard, grafanaRegex(r.target()));
      System.out.printf(
          "planning latency p95 by phase, %s service (s): %s%n",
          r.name(),
          byPhase(
              prometheus.vector(
                  GrafanaDashboard.substitute(dashboard.queriesOf(P95_PANEL).get(0).expr(), one),
                  at)));
      problems.addAll(
          evaluateEveryPanel(dashboard, prometheus, one, at, r.bridge() ? "" : r.name()));
    }
    assertThat(problems).as("dashboard queries (Prometheus log: %s)", prometheus.log()).isEmpty();

    assertThat(prometheus.vector("process_uptime_seconds{application=\"latent-mpc\"}", at))
        .as("the instance variable's query lists both services")
        .map(s -> s.path("metric").path("instance").asText())
        .containsExactlyInAnyOrderElementsOf(robots.stream().map(Robot::target).toList());
    assertRulesEvaluateWithoutErrors(prometheus);
  }

  /**
   * Polls Prometheus until, for every service, it holds at least two scrapes, the first task's
   * outcome over two scrapes, and a p95 for every phase (which needs the step counters to have
   * grown between two scrapes); returns the evaluation time (Unix seconds) at which all of that
   * held.
   */
  private static double awaitScrapes(
      GrafanaDashboard dashboard, PrometheusServer prometheus, List<Robot> robots)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      double now = System.currentTimeMillis() / 1000.0 - SETTLE_SECONDS;
      boolean ready = true;
      StringBuilder state = new StringBuilder();
      for (Robot r : robots) {
        String instance = "instance=\"" + r.target() + "\"";
        double scrapes =
            first(
                prometheus.vector(
                    "count_over_time(up{job=\"" + JOB + "\", " + instance + "}[1m])", now));
        double outcomes =
            first(
                prometheus.vector(
                    "count_over_time(latentmpc_task_outcomes_total{status=\"completed\", "
                        + instance
                        + "}[1m])",
                    now));
        String p95Query =
            GrafanaDashboard.substitute(
                dashboard.queriesOf(P95_PANEL).get(0).expr(),
                variableValues(dashboard, grafanaRegex(r.target())));
        Map<String, Double> p95 = byPhase(prometheus.vector(p95Query, now));
        boolean p95Ready =
            p95.keySet().containsAll(PHASES)
                && p95.values().stream().allMatch(v -> Double.isFinite(v) && v > 0);
        ready &= scrapes >= 2 && outcomes >= 2 && p95Ready;
        state.append(
            "%s: scrapes %s, outcome samples %s, p95 %s; "
                .formatted(r.name(), scrapes, outcomes, p95));
      }
      if (ready) {
        return now;
      }
      last = state.toString();
      Thread.sleep(POLL.toMillis());
    }
    throw new AssertionError(
        "Prometheus did not get enough scrapes within "
            + DEADLINE
            + " ("
            + last
            + "); its log:\n"
            + prometheus.log());
  }

  /**
   * Evaluates every query of every panel; returns what went wrong, one line per problem. With a
   * non-empty {@code noBridge} (the service's name), the bridge panels may be empty.
   */
  private static List<String> evaluateEveryPanel(
      GrafanaDashboard dashboard,
      PrometheusServer prometheus,
      Map<String, String> variables,
      double at,
      String noBridge)
      throws Exception {
    List<String> problems = new ArrayList<>();
    for (GrafanaDashboard.Query q : dashboard.queries()) {
      String promql = GrafanaDashboard.substitute(q.expr(), variables);
      JsonNode response = prometheus.query(promql, at);
      if (!"success".equals(response.path("status").asText())) {
        problems.add(q.describe() + ": " + response + " for " + promql);
        continue;
      }
      boolean mayBeEmpty =
          MAY_BE_EMPTY.containsKey(q.panelTitle())
              || (!noBridge.isEmpty() && BRIDGE_PANELS.contains(q.panelTitle()));
      if (response.path("data").path("result").isEmpty() && !mayBeEmpty) {
        problems.add(q.describe() + ": no data for " + promql);
      }
    }
    return problems;
  }

  /** Every recording and alerting rule of alerts.yaml has been evaluated on the real series. */
  private static void assertRulesEvaluateWithoutErrors(PrometheusServer prometheus)
      throws Exception {
    // Rules run on their own 1 s schedule: wait for an evaluation that saw two scrapes.
    String recorded = "latentmpc:step_phase_seconds:p95_5m{phase=\"total\"}";
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (prometheus.vector(recorded, System.currentTimeMillis() / 1000.0).size() < 2) {
      assertThat(System.nanoTime())
          .as("the alerts' recording rule over both services' histograms, within %s", DEADLINE)
          .isLessThan(deadline);
      Thread.sleep(POLL.toMillis());
    }
    JsonNode groups = prometheus.rules().path("data").path("groups");
    List<JsonNode> rules =
        groups.findValues("rules").stream().flatMap(JsonNode::valueStream).toList();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
    for (JsonNode rule : rules) {
      assertThat(rule.path("health").asText())
          .as("rule %s: %s", rule.path("name").asText(), rule.path("lastError").asText())
          .isEqualTo("ok");
    }
  }

  private static RunningService startService(Setting... robotSettings) throws Exception {
    List<Setting> settings =
        Stream.concat(
                Stream.of(robotSettings),
                Stream.of(
                    Setting.assignment("planner.samples=64"),
                    Setting.assignment("planner.iterations=3"),
                    Setting.assignment("api.port=0"),
                    Setting.assignment("metrics.host=127.0.0.1"),
                    Setting.assignment("metrics.port=0")))
            .toList();
    ServeConfig config = ConfigLoader.defaultsWith(HOME, settings.toArray(Setting[]::new));
    return RunningService.start(
        config,
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
        System::nanoTime,
        "test");
  }

  private static Robot robot(String name, RunningService service, boolean bridge) {
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", service.operator().port(), InsecureChannelCredentials.create())
            .build();
    return new Robot(name, service, channel, bridge);
  }

  /** The dashboard's "All" value of the service selector. */
  private static String allValue(GrafanaDashboard dashboard) {
    return dashboard.variables().get("instance").path("allValue").asText();
  }

  /** A single selected service as Grafana writes it into a regex matcher (dots escaped). */
  private static String grafanaRegex(String target) {
    return target.replace(".", "\\\\.");
  }

  /** Values for the dashboard's variables: the service selector, Grafana's built-in intervals. */
  private static Map<String, String> variableValues(GrafanaDashboard dashboard, String instance) {
    Map<String, String> values = new TreeMap<>();
    values.put("instance", instance);
    values.put("__rate_interval", "1m");
    values.put("__interval", "1m");
    values.put("__range", "5m");
    values.put("__range_s", "300");
    values.put("__interval_ms", "60000");
    assertThat(dashboard.variables()).containsKey("instance");
    return values;
  }

  private static String scrapeConfig(List<String> targets) {
    return """
    global:
      scrape_interval: 1s
      scrape_timeout: 1s
      evaluation_interval: 1s
    rule_files:
      - alerts.yaml
    scrape_configs:
      - job_name: %s
        metrics_path: /metrics
        static_configs:
          - targets: [%s]
    """
        .formatted(JOB, String.join(", ", targets.stream().map(t -> "\"" + t + "\"").toList()));
  }

  private static String uploadGoal(ControlGrpc.ControlBlockingStub control, Episode episode) {
    Renderer renderer = new Renderer(CameraSpec.DEFAULT);
    byte[] png = PngImages.encode(renderer.render(episode.goalWorlds().get(0).shapes()));
    Image image = Image.newBuilder().setEncoded(ByteString.copyFrom(png)).build();
    return control.uploadGoal(UploadGoalRequest.newBuilder().setImage(image).build()).getGoalId();
  }

  private static StartTaskRequest task(String goalId, int steps) {
    return task(goalId, steps, TaskKind.TASK_KIND_REACH);
  }

  private static StartTaskRequest task(String goalId, int steps, TaskKind kind) {
    return StartTaskRequest.newBuilder()
        .setKind(kind)
        .addGoalIds(goalId)
        .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(steps))
        .setSeed(SEED)
        .build();
  }

  private static Map<String, Double> byPhase(JsonNode vector) {
    Map<String, Double> out = new TreeMap<>();
    for (JsonNode sample : vector) {
      out.put(sample.path("metric").path("phase").asText(), value(sample));
    }
    return out;
  }

  private static double single(JsonNode vector) {
    assertThat(vector).as("one series in %s", vector).hasSize(1);
    return value(vector.get(0));
  }

  private static double first(JsonNode vector) {
    return vector.isEmpty() ? 0 : value(vector.get(0));
  }

  private static double value(JsonNode sample) {
    return Double.parseDouble(sample.path("value").get(1).asText());
  }

  /** A task streaming in the background until it ends or is cancelled. */
  private static final class RunningTask implements StreamObserver<TaskUpdate> {
    private final Robot robot;
    private final CompletableFuture<String> taskId = new CompletableFuture<>();
    private final CompletableFuture<OutcomeStatus> outcome = new CompletableFuture<>();

    private RunningTask(Robot robot) {
      this.robot = robot;
    }

    static RunningTask start(Robot robot, StartTaskRequest request) {
      RunningTask task = new RunningTask(robot);
      ControlGrpc.newStub(robot.channel()).startTask(request, task);
      return task;
    }

    @Override
    public void onNext(TaskUpdate update) {
      if (update.hasStarted()) {
        taskId.complete(update.getStarted().getTaskId());
      }
      if (update.hasOutcome()) {
        outcome.complete(update.getOutcome().getStatus());
      }
    }

    @Override
    public void onError(Throwable t) {
      taskId.completeExceptionally(t);
      outcome.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      outcome.completeExceptionally(new AssertionError("the stream ended without an outcome"));
    }

    CompletableFuture<OutcomeStatus> outcome() {
      return outcome;
    }

    /** Cancels the task unless it already ended (then the server answers NOT_FOUND). */
    void cancel() throws Exception {
      if (outcome.isDone()) {
        return;
      }
      String id = taskId.get(30, TimeUnit.SECONDS);
      try {
        robot.control().cancel(CancelRequest.newBuilder().setTaskId(id).build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
  }
}
