package dev.latentmpc.deploy.config;

import static dev.latentmpc.deploy.config.ConfigKeys.API_HEALTH_PORT;
import static dev.latentmpc.deploy.config.ConfigKeys.API_HOST;
import static dev.latentmpc.deploy.config.ConfigKeys.API_PORT;
import static dev.latentmpc.deploy.config.ConfigKeys.API_SHUTDOWN_GRACE_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.GOALS_MAX_COUNT;
import static dev.latentmpc.deploy.config.ConfigKeys.GOALS_MAX_MIB;
import static dev.latentmpc.deploy.config.ConfigKeys.METRICS_HOST;
import static dev.latentmpc.deploy.config.ConfigKeys.METRICS_PORT;
import static dev.latentmpc.deploy.config.ConfigKeys.MODEL_BUNDLE;
import static dev.latentmpc.deploy.config.ConfigKeys.MODEL_DEVICE_ID;
import static dev.latentmpc.deploy.config.ConfigKeys.MODEL_INTER_OP_THREADS;
import static dev.latentmpc.deploy.config.ConfigKeys.MODEL_INTRA_OP_THREADS;
import static dev.latentmpc.deploy.config.ConfigKeys.MODEL_PROVIDER;
import static dev.latentmpc.deploy.config.ConfigKeys.MODEL_VERIFY_CHECKSUMS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_ADDRESS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_CALL_DEADLINE_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_CONNECT_TIMEOUT_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_HEARTBEAT_TIMEOUT_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_BRIDGE_MOVE_MARGIN_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_HEALTH_PROBE_MS;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_ID;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_SIM_PACING;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_SIM_SEED;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_SIM_TASK;
import static dev.latentmpc.deploy.config.ConfigKeys.ROBOT_SOURCE;

import dev.latentmpc.controller.admission.DiagnosticsLimits;
import dev.latentmpc.controller.bridge.BridgeClientConfig;
import dev.latentmpc.controller.loop.ControllerConfig;
import dev.latentmpc.controller.safety.EnvelopeConfig;
import dev.latentmpc.controller.service.goal.GoalStore;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.worldmodel.BundleException;
import dev.latentmpc.worldmodel.DefaultBundle;
import dev.latentmpc.worldmodel.ExecutionProvider;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.onnx.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the {@link ServeConfig} from the defaults, an optional config file and command-line
 * overrides, in that order of precedence, and validates it once: every problem (unknown key, bad
 * type, value out of range, missing bundle, malformed bridge address, planner horizon the bundle
 * does not export, ...) is collected and reported together in one {@link ConfigException} before
 * anything starts.
 */
public final class ConfigLoader {
  /** System property the launcher sets to the repository (installation) root. */
  public static final String HOME_PROPERTY = "latentmpc.home";

  /** The embedded default bundle, relative to the installation root (named in DefaultBundle). */
  public static final Path DEFAULT_BUNDLE = DefaultBundle.relativePath();

  /** Default robot id. */
  public static final String DEFAULT_ROBOT_ID = "franka-panda";

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-:]*");
  private static final Pattern ROBOT_ID_FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private ConfigLoader() {}

  /**
   * Returns the installation root: the {@value #HOME_PROPERTY} system property, else the working
   * directory.
   */
  public static Path home() {
    String home = System.getProperty(HOME_PROPERTY);
    return (home == null ? Path.of("") : Path.of(home)).toAbsolutePath();
  }

  /**
   * Loads and validates the configuration.
   *
   * @param file the config file (YAML or JSON), if any
   * @param overrides settings from flags, applied over the file in order
   * @param home installation root the default bundle is resolved against
   * @return the validated configuration
   * @throws ConfigException listing every problem found
   */
  public static ServeConfig load(Optional<Path> file, List<Setting> overrides, Path home)
      throws ConfigException {
    List<Setting> layers = new ArrayList<>();
    List<String> fileErrors = new ArrayList<>();
    if (file.isPresent()) {
      try {
        layers.addAll(ConfigFile.read(file.get()));
      } catch (ConfigException e) {
        fileErrors.addAll(e.errors()); // Keep going: the flags may have problems too.
      }
    }
    layers.addAll(overrides);
    SettingsReader r = new SettingsReader(layers);
    ApiSettings api = api(r);
    MetricsSettings metrics = metrics(r);
    ModelSettings model = model(r, home);
    Optional<ModelSpec> spec = bundleSpec(r, model.bundleDir());
    RobotSettings robot = robot(r, spec);
    CemConfig planner = TuningReader.planner(r, spec);
    ControllerConfig controller = TuningReader.controller(r);
    EnvelopeConfig envelope = TuningReader.envelope(r);
    GoalSettings goals =
        new GoalSettings(
            r.integer(GOALS_MAX_COUNT, GoalStore.DEFAULT_MAX_GOALS, 1, 100_000),
            r.longValue(GOALS_MAX_MIB, GoalStore.DEFAULT_MAX_BYTES >> 20, 1, 65_536) << 20);
    DiagnosticsLimits diagnostics = TuningReader.diagnostics(r);
    SecuritySettings security = SecurityReader.read(r, api.host());
    r.rejectUnknown(ConfigKeys.ALL);
    List<String> errors = new ArrayList<>(fileErrors);
    errors.addAll(r.errors());
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return new ServeConfig(
        api, model, robot, planner, controller, envelope, goals, diagnostics, metrics, security);
  }

  /** Loads the defaults plus {@code overrides} (tests and embedded use). */
  public static ServeConfig defaultsWith(Path home, Setting... overrides) throws ConfigException {
    return load(Optional.empty(), List.of(overrides), home);
  }

  private static ApiSettings api(SettingsReader r) {
    String host = r.text(API_HOST, ApiSettings.DEFAULT_HOST);
    if (!HOST.matcher(host).matches()) {
      r.error(API_HOST, "must be a host name or IP address, e.g. 127.0.0.1 or 0.0.0.0");
      host = ApiSettings.DEFAULT_HOST;
    }
    int port = r.integer(API_PORT, ApiSettings.DEFAULT_PORT, 0, 65_535);
    long graceMs = r.longValue(API_SHUTDOWN_GRACE_MS, 5_000, 0, 600_000);
    int healthPort =
        r.integer(API_HEALTH_PORT, ApiSettings.NO_HEALTH_PORT, ApiSettings.NO_HEALTH_PORT, 65_535);
    if (healthPort > 0 && healthPort == port) {
      r.error(API_HEALTH_PORT, "must differ from api.port (" + port + ")");
      healthPort = ApiSettings.NO_HEALTH_PORT;
    }
    return new ApiSettings(host, port, Duration.ofMillis(graceMs), healthPort);
  }

  private static MetricsSettings metrics(SettingsReader r) {
    String host = r.text(METRICS_HOST, MetricsSettings.DEFAULT_HOST);
    if (!HOST.matcher(host).matches()) {
      r.error(METRICS_HOST, "must be a host name or IP address, e.g. 127.0.0.1 or 0.0.0.0");
      host = MetricsSettings.DEFAULT_HOST;
    }
    // -1 turns the endpoint off; 0 binds any free port.
    int port =
        r.integer(METRICS_PORT, MetricsSettings.DEFAULT_PORT, MetricsSettings.DISABLED, 65_535);
    return new MetricsSettings(host, port);
  }

  private static ModelSettings model(SettingsReader r, Path home) {
    Path bundle = r.path(MODEL_BUNDLE, home.resolve(DEFAULT_BUNDLE)).toAbsolutePath();
    RuntimeOptions runtime =
        RuntimeOptions.builder()
            .provider(r.choice(MODEL_PROVIDER, ExecutionProvider.CPU, ExecutionProvider.class))
            .deviceId(r.integer(MODEL_DEVICE_ID, 0, 0, 64))
            .intraOpThreads(r.integer(MODEL_INTRA_OP_THREADS, 0, 0, 1024))
            .interOpThreads(r.integer(MODEL_INTER_OP_THREADS, 0, 0, 1024))
            .verifyChecksums(r.bool(MODEL_VERIFY_CHECKSUMS, true))
            .build();
    return new ModelSettings(bundle, runtime);
  }

  /** Reads model.json (cheaply: no hashing) so that a bad bundle is reported with the rest. */
  private static Optional<ModelSpec> bundleSpec(SettingsReader r, Path bundleDir) {
    if (!Files.isDirectory(bundleDir)) {
      r.error(MODEL_BUNDLE, "no bundle directory at " + bundleDir + "; pass --bundle DIR");
      return Optional.empty();
    }
    if (!Files.isRegularFile(bundleDir.resolve(ModelSpec.FILE_NAME))) {
      r.error(MODEL_BUNDLE, bundleDir + " has no " + ModelSpec.FILE_NAME + "; is it a bundle?");
      return Optional.empty();
    }
    try {
      return Optional.of(ModelSpec.load(bundleDir, false));
    } catch (BundleException e) {
      r.error(MODEL_BUNDLE, "the bundle is invalid: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static RobotSettings robot(SettingsReader r, Optional<ModelSpec> spec) {
    String id = r.text(ROBOT_ID, DEFAULT_ROBOT_ID);
    if (!ROBOT_ID_FORM.matcher(id).matches()) {
      r.error(ROBOT_ID, "must be 1 to 64 characters of [A-Za-z0-9._-]");
      id = DEFAULT_ROBOT_ID;
    }
    ArmSource source = r.choice(ROBOT_SOURCE, ArmSource.SIM, ArmSource.class);
    Duration probe = r.millis(ROBOT_HEALTH_PROBE_MS, Duration.ofSeconds(1), 3_600_000);
    CameraSettings camera = CameraSettingsReader.read(r, source);
    // The training camera only matters to the simulator: a real robot's camera is where it is.
    Optional<ModelSpec> simSpec = source == ArmSource.SIM ? spec : Optional.empty();
    return new RobotSettings(id, source, bridge(r), sim(r, simSpec), probe, camera);
  }

  private static BridgeClientConfig bridge(SettingsReader r) {
    BridgeClientConfig d = BridgeClientConfig.defaults();
    BridgeClientConfig.Builder b = d.toBuilder();
    String address = r.text(ROBOT_BRIDGE_ADDRESS, d.address());
    try {
      b.address(address).build();
    } catch (IllegalArgumentException e) {
      r.error(ROBOT_BRIDGE_ADDRESS, e.getMessage().replace("invalid BridgeClientConfig: ", ""));
      b.address(d.address());
    }
    b.callDeadline(r.millis(ROBOT_BRIDGE_CALL_DEADLINE_MS, d.callDeadline(), 60_000))
        .moveMargin(r.millis(ROBOT_BRIDGE_MOVE_MARGIN_MS, d.moveMargin(), 60_000))
        .connectTimeout(r.millis(ROBOT_BRIDGE_CONNECT_TIMEOUT_MS, d.connectTimeout(), 60_000))
        .heartbeatTimeout(heartbeat(r, d.heartbeatTimeout()));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      r.errors().add("robot.bridge: " + e.getMessage());
      return d;
    }
  }

  /** {@code robot.bridge.heartbeatTimeoutMs}: 0 (off) or the protocol's range. */
  private static Duration heartbeat(SettingsReader r, Duration fallback) {
    long min = BridgeClientConfig.MIN_HEARTBEAT_TIMEOUT.toMillis();
    long max = BridgeClientConfig.MAX_HEARTBEAT_TIMEOUT.toMillis();
    long ms = r.longValue(ROBOT_BRIDGE_HEARTBEAT_TIMEOUT_MS, fallback.toMillis(), 0, max);
    if (ms != 0 && ms < min) {
      r.error(
          ROBOT_BRIDGE_HEARTBEAT_TIMEOUT_MS, "must be 0 (off) or in [" + min + ", " + max + "]");
      return fallback;
    }
    return Duration.ofMillis(ms);
  }

  /**
   * The sim's scene settings; its camera is the bundle's training camera when model.json has one.
   */
  private static SimSettings sim(SettingsReader r, Optional<ModelSpec> spec) {
    SimTask task = SimTask.REACH;
    Optional<Setting> taskSetting = r.raw(ROBOT_SIM_TASK);
    if (taskSetting.isPresent()) {
      try {
        task = SimTask.parse(taskSetting.get().value().asText());
      } catch (IllegalArgumentException e) {
        r.error(ROBOT_SIM_TASK, "must be one of " + SimTask.validNames());
      }
    }
    long seed = r.longValue(ROBOT_SIM_SEED, 0, 0, Long.MAX_VALUE);
    CameraSpec camera = CameraSpec.DEFAULT;
    if (spec.isPresent()) {
      try {
        camera = TrainingCamera.of(spec.get()).orElse(CameraSpec.DEFAULT);
      } catch (IllegalArgumentException e) {
        r.error(MODEL_BUNDLE, "the bundle is invalid: " + e.getMessage());
      }
    }
    return new SimSettings(task, seed, r.bool(ROBOT_SIM_PACING, true), camera);
  }
}
