package dev.latentmpc.deploy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latentmpc.camera.opencv.CameraConfig;
import dev.latentmpc.camera.opencv.Crop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values a {@link ServeConfig} ended up with, by dotted key in documentation order: what {@code
 * serve --check} prints and the server logs at start.
 */
public final class EffectiveConfig {
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .disable(YAMLGenerator.Feature.SPLIT_LINES) // one line per key, however long its value
          .build();

  private EffectiveConfig() {}

  /** Returns every key of {@link ConfigKeys#ALL} with its effective value. */
  public static Map<String, Object> of(ServeConfig c) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(ConfigKeys.API_HOST, c.api().host());
    v.put(ConfigKeys.API_PORT, c.api().port());
    v.put(ConfigKeys.API_SHUTDOWN_GRACE_MS, c.api().shutdownGrace().toMillis());
    v.put(ConfigKeys.API_HEALTH_PORT, c.api().healthPort());
    v.put(ConfigKeys.METRICS_HOST, c.metrics().host());
    v.put(ConfigKeys.METRICS_PORT, c.metrics().port());
    v.put(ConfigKeys.MODEL_BUNDLE, c.model().bundleDir());
    v.put(ConfigKeys.MODEL_PROVIDER, c.model().runtime().provider());
    v.put(ConfigKeys.MODEL_DEVICE_ID, c.model().runtime().deviceId());
    v.put(ConfigKeys.MODEL_INTRA_OP_THREADS, c.model().runtime().intraOpThreads());
    v.put(ConfigKeys.MODEL_INTER_OP_THREADS, c.model().runtime().interOpThreads());
    v.put(ConfigKeys.MODEL_VERIFY_CHECKSUMS, c.model().runtime().verifyChecksums());
    v.put(ConfigKeys.ROBOT_ID, c.robot().robotId());
    v.put(ConfigKeys.ROBOT_SOURCE, c.robot().source().name().toLowerCase(Locale.ROOT));
    v.put(ConfigKeys.ROBOT_BRIDGE_ADDRESS, c.robot().bridge().address());
    v.put(ConfigKeys.ROBOT_BRIDGE_CALL_DEADLINE_MS, c.robot().bridge().callDeadline().toMillis());
    v.put(ConfigKeys.ROBOT_BRIDGE_MOVE_MARGIN_MS, c.robot().bridge().moveMargin().toMillis());
    v.put(
        ConfigKeys.ROBOT_BRIDGE_CONNECT_TIMEOUT_MS, c.robot().bridge().connectTimeout().toMillis());
    v.put(
        ConfigKeys.ROBOT_BRIDGE_HEARTBEAT_TIMEOUT_MS,
        c.robot().bridge().heartbeatTimeout().toMillis());
    v.put(ConfigKeys.ROBOT_HEALTH_PROBE_MS, c.robot().healthProbePeriod().toMillis());
    v.put(ConfigKeys.ROBOT_SIM_TASK, c.robot().sim().task().cliName());
    v.put(ConfigKeys.ROBOT_SIM_SEED, c.robot().sim().seed());
    v.put(ConfigKeys.ROBOT_SIM_PACING, c.robot().sim().pacing());
    camera(v, c.robot().camera());
    v.put(ConfigKeys.PLANNER_SAMPLES, c.planner().samples());
    v.put(ConfigKeys.PLANNER_ITERATIONS, c.planner().iterations());
    v.put(ConfigKeys.PLANNER_TOP_K, c.planner().topK());
    v.put(ConfigKeys.PLANNER_HORIZON, c.planner().horizon());
    v.put(ConfigKeys.PLANNER_MAX_NORM_M, c.planner().maxNormM());
    v.put(ConfigKeys.PLANNER_L1_BALL, c.planner().l1BallEnabled());
    v.put(ConfigKeys.PLANNER_L1_BALL_RADIUS_M, c.planner().l1BallRadiusM());
    v.put(ConfigKeys.CONTROLLER_MAX_FRAME_AGE_MS, c.controller().maxFrameAge().toMillis());
    v.put(ConfigKeys.CONTROLLER_MOVE_TIMEOUT_MS, c.controller().moveTimeout().toMillis());
    v.put(ConfigKeys.CONTROLLER_PLANNING_BUDGET_MS, c.controller().planningBudget().toMillis());
    v.put(ConfigKeys.CONTROLLER_MAX_CONSECUTIVE_HOLDS, c.controller().maxConsecutiveHolds());
    v.put(ConfigKeys.CONTROLLER_GOAL_CACHE, c.controller().goalCacheCapacity());
    v.put(ConfigKeys.ENVELOPE_MAX_STEP_L1_M, c.envelope().maxStepL1M());
    v.put(ConfigKeys.ENVELOPE_MAX_STEP_AXIS_M, c.envelope().maxStepAxisM());
    v.put(ConfigKeys.ENVELOPE_MAX_STEP_ROTATION_RAD, c.envelope().maxStepRotationRad());
    v.put(ConfigKeys.ENVELOPE_MAX_STEP_GRIPPER, c.envelope().maxStepGripper());
    v.put(ConfigKeys.ENVELOPE_MIN_X_M, c.envelope().minXM());
    v.put(ConfigKeys.ENVELOPE_MAX_X_M, c.envelope().maxXM());
    v.put(ConfigKeys.ENVELOPE_MIN_Y_M, c.envelope().minYM());
    v.put(ConfigKeys.ENVELOPE_MAX_Y_M, c.envelope().maxYM());
    v.put(ConfigKeys.ENVELOPE_MIN_Z_M, c.envelope().minZM());
    v.put(ConfigKeys.ENVELOPE_MAX_Z_M, c.envelope().maxZM());
    v.put(ConfigKeys.GOALS_MAX_COUNT, c.goals().maxCount());
    v.put(ConfigKeys.GOALS_MAX_MIB, c.goals().maxBytes() >> 20);
    v.put(ConfigKeys.DIAGNOSTICS_MAX_CONCURRENT, c.diagnostics().maxConcurrent());
    v.put(ConfigKeys.DIAGNOSTICS_MAX_QUEUED, c.diagnostics().maxQueued());
    v.put(ConfigKeys.DIAGNOSTICS_MAX_PER_PRINCIPAL, c.diagnostics().maxPerPrincipal());
    v.put(ConfigKeys.DIAGNOSTICS_MAX_WAIT_MS, c.diagnostics().maxWait().toMillis());
    SecuritySettings sec = c.security();
    v.put(ConfigKeys.SECURITY_AUTH, sec.auth().name().toLowerCase(Locale.ROOT));
    v.put(ConfigKeys.SECURITY_TOKENS_FILE, sec.tokensFile().map(Object::toString).orElse("none"));
    v.put(ConfigKeys.SECURITY_ALLOW_UNAUTHENTICATED_REMOTE, sec.allowUnauthenticatedRemote());
    var tls = sec.tls();
    v.put(
        ConfigKeys.SECURITY_TLS_CERT_CHAIN, tls.map(t -> t.certChain().toString()).orElse("none"));
    v.put(
        ConfigKeys.SECURITY_TLS_PRIVATE_KEY,
        tls.map(t -> t.privateKey().toString()).orElse("none"));
    v.put(
        ConfigKeys.SECURITY_TLS_CLIENT_CA,
        tls.flatMap(t -> t.clientCa()).map(Object::toString).orElse("none"));
    v.put(ConfigKeys.SECURITY_LEASE_SECONDS, sec.leaseTtl().toSeconds());
    return v;
  }

  private static void camera(Map<String, Object> v, CameraSettings camera) {
    CameraConfig o = camera.opencv();
    v.put(ConfigKeys.CAMERA_SOURCE, camera.source().name().toLowerCase(Locale.ROOT));
    v.put(ConfigKeys.CAMERA_OPENCV_SOURCE, camera.opencvSourceForDisplay());
    v.put(ConfigKeys.CAMERA_OPENCV_LOOP, camera.opencvLoop());
    v.put(ConfigKeys.CAMERA_OPENCV_WIDTH, o.widthPx());
    v.put(ConfigKeys.CAMERA_OPENCV_HEIGHT, o.heightPx());
    v.put(ConfigKeys.CAMERA_OPENCV_FPS, o.fps());
    v.put(ConfigKeys.CAMERA_OPENCV_FOURCC, o.fourcc().orElse(CameraSettingsReader.AUTO_FOURCC));
    v.put(
        ConfigKeys.CAMERA_OPENCV_CROP,
        o.crop().map(Crop::toString).orElse(CameraSettingsReader.NO_CROP));
    v.put(ConfigKeys.CAMERA_OPENCV_ROTATION_DEGREES, o.rotation().degrees());
    v.put(ConfigKeys.CAMERA_OPENCV_RECONNECT_INITIAL_MS, o.reconnectInitialBackoff().toMillis());
    v.put(ConfigKeys.CAMERA_OPENCV_RECONNECT_MAX_MS, o.reconnectMaxBackoff().toMillis());
    v.put(ConfigKeys.CAMERA_OPENCV_STALL_TIMEOUT_MS, o.stallTimeout().toMillis());
  }

  /**
   * Renders the values as YAML lines, nested by section: a valid config file, written by the same
   * Jackson YAML module that {@link ConfigFile} reads it with (text values double-quoted and
   * escaped, numbers and booleans plain).
   */
  public static List<String> yaml(ServeConfig c) {
    Map<String, Object> nested = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : of(c).entrySet()) {
      String[] parts = e.getKey().split("\\.");
      Map<String, Object> section = nested;
      for (int i = 0; i < parts.length - 1; i++) {
        section = sectionOf(section, parts[i]);
      }
      Object value = e.getValue();
      // Paths, enums and the like as their text (Jackson would write a Path as a file: URI).
      section.put(
          parts[parts.length - 1],
          value instanceof Number || value instanceof Boolean ? value : value.toString());
    }
    try {
      return YAML.writeValueAsString(nested).lines().toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the effective configuration as YAML", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sectionOf(Map<String, Object> parent, String name) {
    return (Map<String, Object>) parent.computeIfAbsent(name, k -> new LinkedHashMap<>());
  }
}
