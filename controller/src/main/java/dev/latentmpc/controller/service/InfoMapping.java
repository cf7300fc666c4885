package dev.latentmpc.controller.service;

import com.google.protobuf.ByteString;
import dev.latentmpc.controller.service.probe.Landscape;
import dev.latentmpc.controller.service.probe.PlanOnceResult;
import dev.latentmpc.controller.task.ActiveTaskStatus;
import dev.latentmpc.controller.task.RobotStatus;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.proto.control.v1.ActiveTask;
import dev.latentmpc.proto.control.v1.BundleFile;
import dev.latentmpc.proto.control.v1.EnergyLandscapeResponse;
import dev.latentmpc.proto.control.v1.GetServerInfoResponse;
import dev.latentmpc.proto.control.v1.GetStatusResponse;
import dev.latentmpc.proto.control.v1.ModelInfo;
import dev.latentmpc.proto.control.v1.PlanOnceResponse;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.worldmodel.ModelSpec;
import dev.latentmpc.worldmodel.RuntimeStatus;
import dev.latentmpc.worldmodel.WorldModel;
import java.util.List;
import java.util.Optional;

/** Maps status, server facts and probe results to protobuf. */
final class InfoMapping {

  private static final double NANOS_PER_SECOND = 1e9;

  private InfoMapping() {}

  /** Maps a robot's status. */
  static GetStatusResponse status(RobotStatus status, RuntimeStatus runtime) {
    GetStatusResponse.Builder builder =
        GetStatusResponse.newBuilder()
            .setRobotId(status.robotId())
            .setArmError(status.armError().orElse(""))
            .setEmergencyStopLatched(status.emergencyStopReason().isPresent())
            .setEmergencyStopReason(status.emergencyStopReason().orElse(""))
            .setModelProvider(runtime.activeProvider().name());
    status.armState().ifPresent(state -> builder.setArmState(StepMapping.state(state)));
    status.activeTask().ifPresent(task -> builder.setActiveTask(activeTask(task)));
    return builder.build();
  }

  private static ActiveTask activeTask(ActiveTaskStatus task) {
    return ActiveTask.newBuilder()
        .setTaskId(task.taskId())
        .setKind(TaskKind.valueOf("TASK_KIND_" + task.kind().name()))
        .setSteps(task.steps())
        .setSubgoalIndex(task.subgoalIndex())
        .setGoals(task.goals())
        .setRunningSeconds(task.runningNanos() / NANOS_PER_SECOND)
        .build();
  }

  /** Maps the server's static facts. */
  static GetServerInfoResponse serverInfo(
      String serverVersion, WorldModel model, CemConfig plannerDefaults, List<String> robotIds) {
    return GetServerInfoResponse.newBuilder()
        .setServerVersion(serverVersion)
        .setModel(model(model.spec(), model.status()))
        .setPlannerDefaults(StepMapping.planner(plannerDefaults))
        .addAllRobotIds(robotIds)
        .build();
  }

  private static ModelInfo model(ModelSpec spec, RuntimeStatus runtime) {
    ModelInfo.Builder builder =
        ModelInfo.newBuilder()
            .setName(spec.name())
            .setEncoderParams(spec.encoder().params())
            .setPredictorParams(spec.predictor().params())
            .setProvider(runtime.activeProvider().name())
            .setRequestedProvider(runtime.requestedProvider().name())
            .setProviderFallbackReason(runtime.fallbackReason().orElse(""))
            .setOnnxruntimeVersion(runtime.runtimeVersion())
            .setImageSizePx(spec.input().imageSize())
            .setTokensPerFrame(spec.latent().tokensPerFrame())
            .setEmbedDim(spec.latent().dim());
    spec.energyHorizons().forEach(builder::addEnergyHorizonsSteps);
    spec.files()
        .forEach((name, file) ->
            builder.addFiles(
                BundleFile.newBuilder()
                    .setName(name)
                    .setSha256(file.sha256())
                    .setSizeBytes(file.bytes())));
    return builder.build();
  }

  /** Maps a one-off plan. */
  static PlanOnceResponse planOnce(PlanOnceResult result) {
    PlanOnceResponse.Builder builder =
        PlanOnceResponse.newBuilder()
            .setEnergy(result.energy())
            .setPlanIterations(result.iterations())
            .setCommand(StepMapping.delta(result.envelope().command()))
            .setEnvelope(StepMapping.envelope(Optional.of(result.envelope())))
            .setEncodeSeconds(result.encodeNanos() / NANOS_PER_SECOND)
            .setPlanSeconds(result.planNanos() / NANOS_PER_SECOND)
            .setPlanner(StepMapping.planner(result.planner()));
    for (float value : result.plannedAction()) {
      builder.addPlannedAction(value);
    }
    return builder.build();
  }

  /** Maps an energy landscape and its heatmap. */
  static EnergyLandscapeResponse landscape(Landscape landscape, byte[] heatmapPng) {
    EnergyLandscapeResponse.Builder builder =
        EnergyLandscapeResponse.newBuilder()
            .setStepsX(landscape.columns())
            .setStepsY(landscape.rows())
            .setArgminDxM(landscape.argminDxM())
            .setArgminDyM(landscape.argminDyM())
            .setMinEnergy(landscape.minEnergy())
            .setMaxEnergy(landscape.maxEnergy())
            .setHeatmapPng(ByteString.copyFrom(heatmapPng))
            .setEvaluateSeconds(landscape.evaluateNanos() / NANOS_PER_SECOND);
    for (double dx : landscape.dxValuesM()) {
      builder.addDxValuesM(dx);
    }
    for (double dy : landscape.dyValuesM()) {
      builder.addDyValuesM(dy);
    }
    for (float energy : landscape.energies()) {
      builder.addEnergies(energy);
    }
    return builder.build();
  }
}
