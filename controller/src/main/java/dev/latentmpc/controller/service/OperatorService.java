package dev.latentmpc.controller.service;

import dev.latentmpc.controller.admission.DiagnosticsGate;
import dev.latentmpc.controller.admission.DiagnosticsGate.Admission;
import dev.latentmpc.controller.service.goal.GoalStore;
import dev.latentmpc.controller.service.goal.StoredGoal;
import dev.latentmpc.controller.service.probe.GridSpec;
import dev.latentmpc.controller.service.probe.Heatmap;
import dev.latentmpc.controller.service.probe.Landscape;
import dev.latentmpc.controller.service.probe.PlanningProbe;
import dev.latentmpc.controller.task.EmergencyStopResult;
import dev.latentmpc.controller.task.PlannerLimits;
import dev.latentmpc.controller.task.PlannerOverrides;
import dev.latentmpc.controller.task.TaskHandle;
import dev.latentmpc.controller.task.TaskRunner;
import dev.latentmpc.controller.task.TaskRunners;
import dev.latentmpc.planner.CemConfig;
import dev.latentmpc.planner.SamplingHooks;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.CancelResponse;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.EmergencyStopRequest;
import dev.latentmpc.proto.control.v1.EmergencyStopResponse;
import dev.latentmpc.proto.control.v1.EnergyLandscapeRequest;
import dev.latentmpc.proto.control.v1.EnergyLandscapeResponse;
import dev.latentmpc.proto.control.v1.GetServerInfoRequest;
import dev.latentmpc.proto.control.v1.GetServerInfoResponse;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.GetStatusResponse;
import dev.latentmpc.proto.control.v1.PlanOnceRequest;
import dev.latentmpc.proto.control.v1.PlanOnceResponse;
import dev.latentmpc.proto.control.v1.ResetEmergencyStopRequest;
import dev.latentmpc.proto.control.v1.ResetEmergencyStopResponse;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.proto.control.v1.UploadGoalResponse;
import dev.latentmpc.worldmodel.WorldModel;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The operator API ({@code latentmpc.control.v1.Control}): maps protobuf to domain values and back
 * and hands the work to the {@link GoalStore}, the per-robot {@link TaskRunner}s and the {@link
 * PlanningProbe}, the last under a {@link DiagnosticsGate} (bounded, and yielding to running
 * tasks). It holds no state of its own; errors reach the client as a {@link Status} with a
 * description (see {@code control.proto}): the task runtime's {@link
 * dev.latentmpc.controller.task.TaskException}s through {@link TaskErrors}, in {@link Calls}.
 */
public final class OperatorService extends ControlGrpc.ControlImplBase {

  private final String serverVersion;
  private final WorldModel worldModel;
  private final CemConfig plannerDefaults;
  private final GoalStore goals;
  private final PlanningProbe probe;
  private final DiagnosticsGate diagnostics;
  private final Supplier<String> caller;
  private final TaskRunners robots;

  /**
   * Creates the service.
   *
   * @param serverVersion reported by GetServerInfo
   * @param worldModel the loaded model, for GetServerInfo and GetStatus
   * @param plannerDefaults planner settings without overrides (PlanOnce, GetServerInfo); the
   *     runners' defaults should be the same
   * @param goals the goal store
   * @param probe plans and landscapes that move nothing
   * @param diagnostics admits PlanOnce and EnergyLandscape; the runners' observers must report
   *     their tasks to it ({@link DiagnosticsGate#watching})
   * @param caller names the current call's caller (the per-caller bound of {@code diagnostics})
   * @param runners one per robot, with distinct robot ids; not empty
   */
  public OperatorService(
      String serverVersion,
      WorldModel worldModel,
      CemConfig plannerDefaults,
      GoalStore goals,
      PlanningProbe probe,
      DiagnosticsGate diagnostics,
      Supplier<String> caller,
      List<TaskRunner> runners) {
    this.serverVersion = serverVersion;
    this.worldModel = worldModel;
    this.plannerDefaults = plannerDefaults;
    this.goals = goals;
    this.probe = probe;
    this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    this.caller = Objects.requireNonNull(caller, "caller");
    this.robots = new TaskRunners(runners);
  }

  @Override
  public void uploadGoal(UploadGoalRequest request, StreamObserver<UploadGoalResponse> response) {
    Calls.unary(
        response,
        () -> {
          RgbImage image = RequestMapping.image(request.getImage(), "image");
          StoredGoal stored = goals.put(image);
          return UploadGoalResponse.newBuilder()
              .setGoalId(stored.goalId())
              .setWidthPx(stored.widthPx())
              .setHeightPx(stored.heightPx())
              .setStoredBytes(stored.storedBytes())
              .setAlreadyStored(stored.alreadyStored())
              .build();
        });
  }

  @Override
  public void startTask(StartTaskRequest request, StreamObserver<TaskUpdate> observer) {
    ServerCallStreamObserver<TaskUpdate> call = (ServerCallStreamObserver<TaskUpdate>) observer;
    AtomicReference<TaskHandle> handle = new AtomicReference<>();
    call.setOnCancelHandler(() -> {
      TaskHandle task = handle.get();
      if (task != null) {
        task.cancel("the client cancelled the stream or went away");
      }
    });
    try {
      TaskRunner runner = robots.get(request.getRobotId());
      List<RgbImage> images = goals.getAll(request.getGoalIdsList(), "goal_ids");
      StreamingTaskListener listener =
          new StreamingTaskListener(
              call,
              request.getThumbnailMaxSidePx(),
              reason -> {
                TaskHandle task = handle.get();
                if (task != null) {
                  task.cancel(reason);
                }
              });
      handle.set(runner.start(RequestMapping.task(request, images), listener));
      if (call.isCancelled()) {
        handle.get().cancel("the client cancelled the stream or went away");
      }
    } catch (RuntimeException e) {
      call.onError(Calls.toStatus(e));
    }
  }

  @Override
  public void cancel(CancelRequest request, StreamObserver<CancelResponse> response) {
    Calls.unary(
        response,
        () -> {
          String robotId = robots.cancel(request.getTaskId(), "cancelled by a Cancel call");
          return CancelResponse.newBuilder().setRobotId(robotId).build();
        });
  }

  @Override
  public void emergencyStop(
      EmergencyStopRequest request, StreamObserver<EmergencyStopResponse> response) {
    Calls.unary(
        response,
        () -> {
          EmergencyStopResponse.Builder builder = EmergencyStopResponse.newBuilder();
          for (TaskRunner runner : robots.selected(request.getRobotId())) {
            EmergencyStopResult result = runner.emergencyStop(request.getReason());
            builder.addRobotIds(result.robotId());
            result.cancelledTaskId().ifPresent(builder::addCancelledTaskIds);
            result.stopError().ifPresent(error -> builder.putStopErrors(result.robotId(), error));
          }
          return builder.build();
        });
  }

  @Override
  public void resetEmergencyStop(
      ResetEmergencyStopRequest request, StreamObserver<ResetEmergencyStopResponse> response) {
    Calls.unary(
        response,
        () -> {
          ResetEmergencyStopResponse.Builder builder = ResetEmergencyStopResponse.newBuilder();
          for (TaskRunner runner : robots.selected(request.getRobotId())) {
            runner.resetEmergencyStop();
            builder.addRobotIds(runner.robotId());
          }
          return builder.build();
        });
  }

  @Override
  public void getStatus(GetStatusRequest request, StreamObserver<GetStatusResponse> response) {
    Calls.unary(
        response,
        () -> InfoMapping.status(robots.get(request.getRobotId()).status(), worldModel.status()));
  }

  @Override
  public void getServerInfo(
      GetServerInfoRequest request, StreamObserver<GetServerInfoResponse> response) {
    Calls.unary(
        response,
        () -> InfoMapping.serverInfo(serverVersion, worldModel, plannerDefaults, robots.ids()));
  }

  @Override
  public void planOnce(PlanOnceRequest request, StreamObserver<PlanOnceResponse> response) {
    Calls.unary(
        response,
        () -> {
          var state = RequestMapping.state(request.hasState(), request.getState(), "state");
          RgbImage frame = frame(request.hasFrame(), request.getFrame());
          RgbImage goal = RequestMapping.goal(request.hasGoal(), request.getGoal(), goals, "goal");
          PlannerOverrides overrides = RequestMapping.overrides(request.getPlanner());
          CemConfig resolved =
              PlannerLimits.resolve(
                  plannerDefaults, overrides, worldModel.spec().energyHorizons(), "planner");
          // One goal: a subgoal_sampling entry, if given, applies to it.
          List<SamplingHooks> goalHooks = PlannerLimits.perGoal(resolved, overrides, 1, "planner");
          CemConfig planner =
              goalHooks.isEmpty()
                  ? resolved
                  : resolved.toBuilder().sampling(goalHooks.get(0)).build();
          long seed = request.hasSeed() ? request.getSeed() : 0;
          Context context = Context.current();
          try (Admission admission =
              diagnostics.admit("PlanOnce", caller.get(), context::isCancelled)) {
            return InfoMapping.planOnce(
                probe.planOnce(
                    frame,
                    state,
                    goal,
                    planner,
                    seed,
                    Calls.remainingNanos(),
                    admission::awaitTurn));
          }
        });
  }

  @Override
  public void energyLandscape(
      EnergyLandscapeRequest request, StreamObserver<EnergyLandscapeResponse> response) {
    Calls.unary(
        response,
        () -> {
          var state = RequestMapping.state(request.hasState(), request.getState(), "state");
          GridSpec grid = RequestMapping.grid(request.hasGrid(), request.getGrid());
          int cellPx = cellPx(request.getHeatmapCellPx());
          RgbImage frame = frame(request.hasFrame(), request.getFrame());
          RgbImage goal = RequestMapping.goal(request.hasGoal(), request.getGoal(), goals, "goal");
          Context context = Context.current();
          Landscape landscape;
          try (Admission admission =
              diagnostics.admit("EnergyLandscape", caller.get(), context::isCancelled)) {
            landscape =
                probe.landscape(
                    frame, state, goal, grid, context::isCancelled, admission::awaitTurn);
          }
          return InfoMapping.landscape(landscape, Heatmap.png(landscape, cellPx));
        });
  }

  private static RgbImage frame(boolean present, dev.latentmpc.proto.control.v1.Image image) {
    if (!present) {
      throw RequestMapping.invalid("frame is required");
    }
    return RequestMapping.image(image, "frame");
  }

  private static int cellPx(int requested) {
    long cellPx = Integer.toUnsignedLong(requested);
    if (cellPx == 0) {
      return Heatmap.DEFAULT_CELL_PX;
    }
    if (cellPx > Heatmap.MAX_CELL_PX) {
      throw RequestMapping.invalid(
          "heatmap_cell_px must be in [1, " + Heatmap.MAX_CELL_PX + "] or 0, got " + cellPx);
    }
    return (int) cellPx;
  }
}
