package dev.latentmpc.deploy.config;

import dev.latentmpc.controller.admission.DiagnosticsLimits;
import java.util.List;

/**
 * Every key of the service configuration, in dotted form: the names used in config files ({@code
 * api: {port: 50051}} is {@code api.port}), in {@code --set key=value} and in error messages.
 *
 * <p>deploy/README.md's "Configuration" section documents each with its default and range.
 */
public final class ConfigKeys {
  static final String API_HOST = "api.host";
  static final String API_PORT = "api.port";
  static final String API_SHUTDOWN_GRACE_MS = "api.shutdownGraceMs";
  static final String API_HEALTH_PORT = "api.healthPort";

  static final String METRICS_HOST = "metrics.host";
  static final String METRICS_PORT = "metrics.port";

  static final String MODEL_BUNDLE = "model.bundle";
  static final String MODEL_PROVIDER = "model.provider";
  static final String MODEL_DEVICE_ID = "model.deviceId";
  static final String MODEL_INTRA_OP_THREADS = "model.intraOpThreads";
  static final String MODEL_INTER_OP_THREADS = "model.interOpThreads";
  static final String MODEL_VERIFY_CHECKSUMS = "model.verifyChecksums";

  static final String ROBOT_ID = "robot.id";
  static final String ROBOT_SOURCE = "robot.source";
  static final String ROBOT_BRIDGE_ADDRESS = "robot.bridge.address";
  static final String ROBOT_BRIDGE_CALL_DEADLINE_MS = "robot.bridge.callDeadlineMs";
  static final String ROBOT_BRIDGE_MOVE_MARGIN_MS = "robot.bridge.moveMarginMs";
  static final String ROBOT_BRIDGE_CONNECT_TIMEOUT_MS = "robot.bridge.connectTimeoutMs";
  static final String ROBOT_BRIDGE_HEARTBEAT_TIMEOUT_MS = "robot.bridge.heartbeatTimeoutMs";
  static final String ROBOT_HEALTH_PROBE_MS = "robot.healthProbeMs";
  static final String ROBOT_SIM_TASK = "robot.sim.task";
  static final String ROBOT_SIM_SEED = "robot.sim.seed";
  static final String ROBOT_SIM_PACING = "robot.sim.pacing";

  static final String CAMERA_SOURCE = "camera.source";
  static final String CAMERA_OPENCV_SOURCE = "camera.opencv.source";
  static final String CAMERA_OPENCV_LOOP = "camera.opencv.loop";
  static final String CAMERA_OPENCV_WIDTH = "camera.opencv.width";
  static final String CAMERA_OPENCV_HEIGHT = "camera.opencv.height";
  static final String CAMERA_OPENCV_FPS = "camera.opencv.fps";
  static final String CAMERA_OPENCV_FOURCC = "camera.opencv.fourcc";
  static final String CAMERA_OPENCV_CROP = "camera.opencv.crop";
  static final String CAMERA_OPENCV_ROTATION_DEGREES = "camera.opencv.rotationDegrees";
  static final String CAMERA_OPENCV_RECONNECT_INITIAL_MS = "camera.opencv.reconnectInitialMs";
  static final String CAMERA_OPENCV_RECONNECT_MAX_MS = "camera.opencv.reconnectMaxMs";
  static final String CAMERA_OPENCV_STALL_TIMEOUT_MS = "camera.opencv.stallTimeoutMs";

  static final String PLANNER_SAMPLES = "planner.samples";
  static final String PLANNER_ITERATIONS = "planner.iterations";
  static final String PLANNER_TOP_K = "planner.topK";
  static final String PLANNER_HORIZON = "planner.horizon";
  static final String PLANNER_MAX_NORM_M = "planner.maxNormM";
  static final String PLANNER_L1_BALL = "planner.l1Ball";
  static final String PLANNER_L1_BALL_RADIUS_M = "planner.l1BallRadiusM";

  static final String CONTROLLER_MAX_FRAME_AGE_MS = "controller.maxFrameAgeMs";
  static final String CONTROLLER_MOVE_TIMEOUT_MS = "controller.moveTimeoutMs";
  static final String CONTROLLER_PLANNING_BUDGET_MS = "controller.planningBudgetMs";
  static final String CONTROLLER_MAX_CONSECUTIVE_HOLDS = "controller.maxConsecutiveHolds";
  static final String CONTROLLER_GOAL_CACHE = "controller.goalCacheCapacity";

  static final String ENVELOPE_MAX_STEP_L1_M = "envelope.maxStepL1M";
  static final String ENVELOPE_MAX_STEP_AXIS_M = "envelope.maxStepAxisM";
  static final String ENVELOPE_MAX_STEP_ROTATION_RAD = "envelope.maxStepRotationRad";
  static final String ENVELOPE_MAX_STEP_GRIPPER = "envelope.maxStepGripper";
  static final String ENVELOPE_MIN_X_M = "envelope.minXM";
  static final String ENVELOPE_MAX_X_M = "envelope.maxXM";
  static final String ENVELOPE_MIN_Y_M = "envelope.minYM";
  static final String ENVELOPE_MAX_Y_M = "envelope.maxYM";
  static final String ENVELOPE_MIN_Z_M = "envelope.minZM";
  static final String ENVELOPE_MAX_Z_M = "envelope.maxZM";

  static final String GOALS_MAX_COUNT = "goals.maxCount";
  static final String GOALS_MAX_MIB = "goals.maxMiB";

  static final String DIAGNOSTICS_MAX_CONCURRENT = DiagnosticsLimits.MAX_CONCURRENT_KEY;
  static final String DIAGNOSTICS_MAX_QUEUED = DiagnosticsLimits.MAX_QUEUED_KEY;
  static final String DIAGNOSTICS_MAX_PER_PRINCIPAL = DiagnosticsLimits.MAX_PER_PRINCIPAL_KEY;
  static final String DIAGNOSTICS_MAX_WAIT_MS = DiagnosticsLimits.MAX_WAIT_MS_KEY;

  static final String SECURITY_AUTH = "security.auth";
  static final String SECURITY_TOKENS_FILE = "security.tokensFile";
  static final String SECURITY_ALLOW_UNAUTHENTICATED_REMOTE = "security.allowUnauthenticatedRemote";
  static final String SECURITY_TLS_CERT_CHAIN = "security.tls.certChain";
  static final String SECURITY_TLS_PRIVATE_KEY = "security.tls.privateKey";
  static final String SECURITY_TLS_CLIENT_CA = "security.tls.clientCa";
  static final String SECURITY_LEASE_SECONDS = "security.leaseSeconds";

  /** Every key, in documentation order. */
  public static final List<String> ALL =
      List.of(
          API_HOST,
          API_PORT,
          API_SHUTDOWN_GRACE_MS,
          API_HEALTH_PORT,
          METRICS_HOST,
          METRICS_PORT,
          MODEL_BUNDLE,
          MODEL_PROVIDER,
          MODEL_DEVICE_ID,
          MODEL_INTRA_OP_THREADS,
          MODEL_INTER_OP_THREADS,
          MODEL_VERIFY_CHECKSUMS,
          ROBOT_ID,
          ROBOT_SOURCE,
          ROBOT_BRIDGE_ADDRESS,
          ROBOT_BRIDGE_CALL_DEADLINE_MS,
          ROBOT_BRIDGE_MOVE_MARGIN_MS,
          ROBOT_BRIDGE_CONNECT_TIMEOUT_MS,
          ROBOT_BRIDGE_HEARTBEAT_TIMEOUT_MS,
          ROBOT_HEALTH_PROBE_MS,
          ROBOT_SIM_TASK,
          ROBOT_SIM_SEED,
          ROBOT_SIM_PACING,
          CAMERA_SOURCE,
          CAMERA_OPENCV_SOURCE,
          CAMERA_OPENCV_LOOP,
          CAMERA_OPENCV_WIDTH,
          CAMERA_OPENCV_HEIGHT,
          CAMERA_OPENCV_FPS,
          CAMERA_OPENCV_FOURCC,
          CAMERA_OPENCV_CROP,
          CAMERA_OPENCV_ROTATION_DEGREES,
          CAMERA_OPENCV_RECONNECT_INITIAL_MS,
          CAMERA_OPENCV_RECONNECT_MAX_MS,
          CAMERA_OPENCV_STALL_TIMEOUT_MS,
          PLANNER_SAMPLES,
          PLANNER_ITERATIONS,
          PLANNER_TOP_K,
          PLANNER_HORIZON,
          PLANNER_MAX_NORM_M,
          PLANNER_L1_BALL,
          PLANNER_L1_BALL_RADIUS_M,
          CONTROLLER_MAX_FRAME_AGE_MS,
          CONTROLLER_MOVE_TIMEOUT_MS,
          CONTROLLER_PLANNING_BUDGET_MS,
          CONTROLLER_MAX_CONSECUTIVE_HOLDS,
          CONTROLLER_GOAL_CACHE,
          ENVELOPE_MAX_STEP_L1_M,
          ENVELOPE_MAX_STEP_AXIS_M,
          ENVELOPE_MAX_STEP_ROTATION_RAD,
          ENVELOPE_MAX_STEP_GRIPPER,
          ENVELOPE_MIN_X_M,
          ENVELOPE_MAX_X_M,
          ENVELOPE_MIN_Y_M,
          ENVELOPE_MAX_Y_M,
          ENVELOPE_MIN_Z_M,
          ENVELOPE_MAX_Z_M,
          GOALS_MAX_COUNT,
          GOALS_MAX_MIB,
          DIAGNOSTICS_MAX_CONCURRENT,
          DIAGNOSTICS_MAX_QUEUED,
          DIAGNOSTICS_MAX_PER_PRINCIPAL,
          DIAGNOSTICS_MAX_WAIT_MS,
          SECURITY_AUTH,
          SECURITY_TOKENS_FILE,
          SECURITY_ALLOW_UNAUTHENTICATED_REMOTE,
          SECURITY_TLS_CERT_CHAIN,
          SECURITY_TLS_PRIVATE_KEY,
          SECURITY_TLS_CLIENT_CA,
          SECURITY_LEASE_SECONDS);

  private ConfigKeys() {}
}
