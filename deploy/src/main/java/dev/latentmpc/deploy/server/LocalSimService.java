package dev.latentmpc.deploy.server;

import dev.latentmpc.deploy.config.ConfigException;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.security.ServerTls;
import dev.latentmpc.simharness.render.CameraSpec;
import dev.latentmpc.simharness.task.EpisodeScene;
import dev.latentmpc.simharness.task.SimTask;
import dev.latentmpc.worldmodel.WorldModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The control service started in this process on the simulated robot, as {@code serve --arm sim}
 * runs it (same composition: {@link RunningService}), for the commands that drive episodes through
 * it as an operator would ({@code demo}, {@code bench}): the operator API on 127.0.0.1 with an
 * ephemeral port over a real socket, metrics off. A shutdown hook closes it on Ctrl-C.
 */
public final class LocalSimService implements AutoCloseable {
  private final ServeConfig config;
  private final RunningService service;
  private final Thread hook;

  private LocalSimService(ServeConfig config, RunningService service) {
    this.config = config;
    this.service = service;
    hook = new Thread(service::close, "local-service-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * What to start.
   *
   * @param bundle the model bundle directory
   * @param task the sim scene's first episode's task
   * @param seed that episode's seed
   * @param samples CEM samples per iteration (the service's planner default)
   * @param iterations CEM iterations
   * @param topK CEM elites
   * @param horizon planning horizon in steps (the bundle needs an energy graph for it)
   * @param paced whether sim moves take their real duration (as {@code serve}) or finish at once
   * @param origin names these settings in configuration errors, e.g. "demo"
   */
  public record Options(
      Path bundle,
      SimTask task,
      long seed,
      int samples,
      int iterations,
      int topK,
      int horizon,
      boolean paced,
      String origin) {
    /** Checks nothing is null. */
    public Options {
      Objects.requireNonNull(bundle, "bundle");
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /** The service could not start; the message says why, {@link #exitStatus} how to exit. */
  public static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitStatus;

    StartException(String message, int exitStatus, Throwable cause) {
      super(message, cause);
      this.exitStatus = exitStatus;
    }

    /** 2 for invalid settings, 1 otherwise. */
    public int exitStatus() {
      return exitStatus;
    }
  }

  /**
   * Validates the settings, loads the model and starts the service.
   *
   * @param serverVersion reported by GetServerInfo
   * @throws StartException when a setting is invalid, the API cannot listen or the model does not
   *     load (nothing stays open)
   */
  public static LocalSimService start(Options options, String serverVersion) throws StartException {
    ServeConfig cfg;
    try {
      cfg = ConfigLoader.load(java.util.Optional.empty(), settings(options), ConfigLoader.home());
    } catch (ConfigException e) {
      throw new StartException("invalid settings: " + String.join("; ", e.errors()), 2, e);
    }
    RunningService service;
    try {
      service =
          RunningService.start(
              cfg,
              ServerTls.builder(cfg.api().host(), 0, cfg.security()),
              System::nanoTime,
              serverVersion);
    } catch (RunningService.ListenException e) {
      throw new StartException(e.getMessage(), 1, e);
    }
    ControlBackend backend = service.operator().backend();
    if (backend.model().isEmpty()) {
      service.close();
      throw new StartException(
          "the model did not load: " + backend.modelFailure().orElse("unknown reason"), 1, null);
    }
    return new LocalSimService(cfg, service);
  }

  private static List<Setting> settings(Options o) {
    String origin = o.origin();
    List<Setting> s = new ArrayList<>();
    s.add(Setting.flag("api.host", "127.0.0.1", origin));
    s.add(Setting.flag("api.port", "0", origin));
    s.add(Setting.flag("metrics.port", "-1", origin));
    s.add(Setting.flag("model.bundle", o.bundle().toAbsolutePath().toString(), "--bundle"));
    s.add(Setting.flag("robot.source", "sim", origin));
    s.add(Setting.flag("robot.sim.task", o.task().cliName(), origin));
    s.add(Setting.flag("robot.sim.seed", Long.toString(o.seed()), "--seed"));
    s.add(Setting.flag("robot.sim.pacing", Boolean.toString(o.paced()), origin));
    s.add(Setting.flag("planner.samples", Integer.toString(o.samples()), "--samples"));
    s.add(Setting.flag("planner.iterations", Integer.toString(o.iterations()), "--iterations"));
    s.add(Setting.flag("planner.topK", Integer.toString(o.topK()), "--top-k"));
    s.add(Setting.flag("planner.horizon", Integer.toString(o.horizon()), "--horizon"));
    return s;
  }

  /** The operator API's address, {@code 127.0.0.1:PORT}. */
  public String address() {
    return config.api().host() + ":" + service.operator().port();
  }

  /** The validated configuration the service runs with. */
  public ServeConfig config() {
    return config;
  }

  /** The loaded world model. */
  public WorldModel model() {
    return service.operator().backend().model().orElseThrow();
  }

  /** What the robot IO talks to, for messages. */
  public String ioDescription() {
    return service.operator().backend().io().description();
  }

  /** The simulated scene the service's arm and camera act on (reset it between episodes). */
  public EpisodeScene scene() {
    return service.operator().backend().io().scene().orElseThrow();
  }

  /** The simulated camera: the bundle's training camera, or the default view. */
  public CameraSpec camera() {
    return config.robot().sim().camera();
  }

  /** Shuts the service down (the arm stopped first); idempotent. */
  @Override
  public void close() {
    service.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Shutting down already: the hook closes the (already closed) service again, a no-op.
    }
  }
}
