package dev.latentmpc.deploy;

import dev.latentmpc.deploy.config.ConfigException;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.EffectiveConfig;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.security.ServerTls;
import dev.latentmpc.deploy.server.ControlBackend;
import dev.latentmpc.deploy.server.OperatorServer;
import dev.latentmpc.deploy.server.RunningService;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the control service. Reads and validates the configuration (every problem reported
 * before anything starts), then starts a {@link RunningService}: Prometheus metrics at {@code GET
 * /metrics}, the robot's IO (bridge or in-process sim), the model, and the operator API with health
 * and reflection, until SIGTERM or Ctrl-C; then shuts down gracefully (the arm stopped first, the
 * metrics endpoint last).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve the operator API (latentmpc.control.v1.Control, grpc.health.v1.Health, reflection)"
          + " for one robot until SIGTERM/Ctrl-C.",
      "Settings: defaults < --config FILE (YAML or JSON) < flags; every key can be set with"
          + " --set key=value. All errors are reported before anything starts (exit 2).",
      "deploy/README.md (\"Configuration\") documents the keys; --check prints the effective ones."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON config file.")
  Path config;

  @Option(names = "--host", paramLabel = "HOST", description = "api.host (default 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "api.port (default 50051).")
  String port;

  @Option(names = "--bundle", paramLabel = "DIR", description = "model.bundle (default: embedded).")
  String bundle;

  @Option(
      names = "--provider",
      paramLabel = "P",
      description = "model.provider: cpu, cuda, tensorrt.")
  String provider;

  @Option(names = "--threads", paramLabel = "N", description = "model.intraOpThreads (0 = auto).")
  String threads;

  @Option(names = "--robot-id", paramLabel = "ID", description = "robot.id.")
  String robotId;

  @Option(names = "--arm", paramLabel = "SOURCE", description = "robot.source: bridge or sim.")
  String arm;

  @Option(names = "--bridge", paramLabel = "HOST:PORT", description = "robot.bridge.address.")
  String bridge;

  @Option(names = "--sim-task", paramLabel = "TASK", description = "robot.sim.task.")
  String simTask;

  @Option(names = "--sim-seed", paramLabel = "N", description = "robot.sim.seed.")
  String simSeed;

  @Option(names = "--samples", paramLabel = "N", description = "planner.samples (default 800).")
  String samples;

  @Option(names = "--iterations", paramLabel = "N", description = "planner.iterations (10).")
  String iterations;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Set any key, e.g. --set controller.moveTimeoutMs=8000 (repeatable).")
  List<String> assignments = new ArrayList<>();

  @Option(names = "--check", description = "Validate, print the effective config, and exit.")
  boolean check;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServeConfig cfg;
    try {
      cfg = ConfigLoader.load(Optional.ofNullable(config), overrides(), ConfigLoader.home());
    } catch (ConfigException e) {
      err.println("error: invalid configuration (" + e.errors().size() + " problem(s)):");
      e.errors().forEach(line -> err.println("  - " + line));
      err.println(
          "fix them in the config file or the flags; `latent-mpc serve --help` lists flags");
      err.flush();
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 2;
    }
    if (check) {
      EffectiveConfig.yaml(cfg).forEach(out::println);
      out.flush();
      return 0;
    }
    return serve(cfg, out, err);
  }

  private List<Setting> overrides() {
    List<Setting> s = new ArrayList<>();
    flag(s, "api.host", host, "--host");
    flag(s, "api.port", port, "--port");
    flag(s, "model.bundle", bundle, "--bundle");
    flag(s, "model.provider", provider, "--provider");
    flag(s, "model.intraOpThreads", threads, "--threads");
    flag(s, "robot.id", robotId, "--robot-id");
    flag(s, "robot.source", arm, "--arm");
    flag(s, "robot.bridge.address", bridge, "--bridge");
    flag(s, "robot.sim.task", simTask, "--sim-task");
    flag(s, "robot.sim.seed", simSeed, "--sim-seed");
    flag(s, "planner.samples", samples, "--samples");
    flag(s, "planner.iterations", iterations, "--iterations");
    for (String a : assignments) {
      s.add(Setting.assignment(a));
    }
    return s;
  }

  private static void flag(List<Setting> out, String key, String value, String option) {
    if (value != null) {
      out.add(Setting.flag(key, value, option));
    }
  }

  private static int serve(ServeConfig cfg, PrintWriter out, PrintWriter err) throws Exception {
    NettyServerBuilder builder =
        ServerTls.builder(cfg.api().host(), cfg.api().port(), cfg.security());
    RunningService service;
    try {
      service = RunningService.start(cfg, builder, System::nanoTime, LatentMpc.version());
    } catch (RunningService.ListenException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "service-shutdown"));
    OperatorServer server = service.operator();
    ControlBackend backend = server.backend();
    out.printf(
        "latent-mpc: operator API on %s:%d for robot '%s' via %s; model %s; health %s"
            + " (Ctrl-C stops)%n",
        cfg.api().host(),
        server.port(),
        cfg.robot().robotId(),
        backend.io().description(),
        backend
            .model()
            .map(m -> m.spec().name() + " on " + m.status().activeProvider())
            .orElse("FAILED TO LOAD"),
        server.health().problem().map(p -> "NOT_SERVING: " + p).orElse("SERVING"));
    service
        .healthPort()
        .ifPresent(port ->
            out.printf(
                "latent-mpc: plaintext gRPC health checks on %s:%d%n", cfg.api().host(), port));
    out.println(
        service
            .metrics()
            .map(m -> "latent-mpc: Prometheus metrics at " + m.url())
            .orElse("latent-mpc: metrics off (metrics.port = -1)"));
    out.flush();
    service.awaitTermination();
    return 0;
  }
}
