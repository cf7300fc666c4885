package dev.latentmpc.controller.metrics;

/**
 * Meter names and tag keys of the metric contract, as Micrometer dot names. The Prometheus registry
 * renders {@code latentmpc.step.phase} (a timer) as {@code latentmpc_step_phase_seconds_*} and
 * {@code latentmpc.steps} (a counter) as {@code latentmpc_steps_total}; dashboards and alerts use
 * those forms, so a rename here breaks them.
 */
public final class MetricNames {
  /** Timer: one step's phases; tag {@link #PHASE}. */
  public static final String STEP_PHASE = "latentmpc.step.phase";

  /** Counter: control steps; tag {@link #OUTCOME} = {@code moved} or {@code held}. */
  public static final String STEPS = "latentmpc.steps";

  /** Timer: one CEM iteration of a control step's plan. */
  public static final String CEM_ITERATION = "latentmpc.cem.iteration";

  /** Timer: one world-model call; tags {@link #GRAPH} and {@link #PROVIDER}. */
  public static final String MODEL_INFERENCE = "latentmpc.model.inference";

  /** Distribution summary: a step's plan elite energy (dimensionless). */
  public static final String STEP_ENERGY = "latentmpc.step.energy";

  /**
   * Timer: the age of the frame a control step planned on, at its snapshot (recorded per step,
   * holds included, whatever the camera).
   */
  public static final String CAMERA_FRAME_AGE = "latentmpc.camera.frame.age";

  /** Counter: sub-goal switches; tag {@link #REASON}. */
  public static final String SUBGOAL_SWITCHES = "latentmpc.subgoal.switches";

  /** Counter: ended tasks; tag {@link #STATUS}. */
  public static final String TASK_OUTCOMES = "latentmpc.task.outcomes";

  /** Gauge: 1 while a robot runs a task, else 0; tag {@link #ROBOT}. */
  public static final String TASK_ACTIVE = "latentmpc.task.active";

  /** Counter: safety envelope decisions; tag {@link #OUTCOME}. */
  public static final String ENVELOPE_DECISIONS = "latentmpc.envelope.decisions";

  /** Timer: one robot bridge call; tags {@link #METHOD} and {@link #STATUS}. */
  public static final String BRIDGE_CALL = "latentmpc.bridge.call";

  /** Counter: robot bridge calls that did not end OK; tag {@link #METHOD}. */
  public static final String BRIDGE_ERRORS = "latentmpc.bridge.errors";

  /** Tag: {@code camera}, {@code encode}, {@code plan}, {@code execute} or {@code total}. */
  public static final String PHASE = "phase";

  /** Tag: what happened (steps: moved/held; envelope: passed/clamped/rejected). */
  public static final String OUTCOME = "outcome";

  /** Tag: the model graph, {@code encoder}, {@code predictor} or {@code energy}. */
  public static final String GRAPH = "graph";

  /** Tag: the execution provider the graphs run on, {@code CPU}, {@code CUDA}, {@code TENSORRT}. */
  public static final String PROVIDER = "provider";

  /** Tag: why the sub-goal switched, {@code step_limit} or {@code energy_threshold}. */
  public static final String REASON = "reason";

  /** Tag: a task's end ({@code succeeded}, ...) or a bridge call's gRPC code ({@code OK}, ...). */
  public static final String STATUS = "status";

  /** Tag: the robot's id. */
  public static final String ROBOT = "robot";

  /** Tag: the RPC's bare method name, e.g. {@code MoveDelta}. */
  public static final String METHOD = "method";

  private MetricNames() {}
}
