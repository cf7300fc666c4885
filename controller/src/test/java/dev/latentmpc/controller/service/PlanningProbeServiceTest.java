package dev.latentmpc.controller.service;

import static dev.latentmpc.controller.service.ArmOwnershipTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.controller.testing.ProbeRequests;
import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.EnergyLandscapeRequest;
import dev.latentmpc.proto.control.v1.EnergyLandscapeResponse;
import dev.latentmpc.proto.control.v1.EnvelopeOutcome;
import dev.latentmpc.proto.control.v1.GetServerInfoRequest;
import dev.latentmpc.proto.control.v1.GetServerInfoResponse;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.GetStatusResponse;
import dev.latentmpc.proto.control.v1.GoalRef;
import dev.latentmpc.proto.control.v1.GridSpec;
import dev.latentmpc.proto.control.v1.PlanOnceRequest;
import dev.latentmpc.proto.control.v1.PlanOnceResponse;
import dev.latentmpc.proto.control.v1.PlannerOverrides;
import dev.latentmpc.proto.control.v1.SamplingHooks;
import io.grpc.Status;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PlanOnce, EnergyLandscape, GetStatus and GetServerInfo: answers, and nothing moves. */
class PlanningProbeServiceTest extends ServiceFixtureTest {

  private String goalId;

  @BeforeEach
  void setUp() throws Exception {
    goalId = fixture.upload(TestImages.random(100));
  }

  private PlanOnceRequest.Builder planOnce() {
    return ProbeRequests.planOnce(TestImages.png(TestImages.random(1)), goalId);
  }

  @Test
  void planOncePlansAndMovesNothing() {
    PlanOnceResponse response =
        fixture.blocking.planOnce(
            planOnce().setPlanner(PlannerOverrides.newBuilder().setIterations(3)).build());

    assertThat(response.getPlannedActionList()).hasSize(7);
    assertThat(response.getPlanIterations()).isEqualTo(3);
    assertThat(response.getEnergy()).isFinite();
    assertThat(response.getEnvelope().getOutcome())
        .isIn(EnvelopeOutcome.ENVELOPE_OUTCOME_PASSED, EnvelopeOutcome.ENVELOPE_OUTCOME_CLAMPED);
    assertThat(response.getPlanner().getSamples()).isEqualTo(20);
    assertThat(fixture.arm.moves()).isEmpty();
    assertThat(fixture.arm.reads()).isZero();
  }

  @Test
  void planOnceAppliesTheSamplingHooksAndItsOneGoalsEntry() {
    PlanOnceResponse response =
        fixture.blocking.planOnce(
            planOnce()
                .setPlanner(
                    PlannerOverrides.newBuilder()
                        .setSampling(SamplingHooks.newBuilder().setPinDxM(-0.02))
                        .addSubgoalSampling(SamplingHooks.newBuilder().setPinDgripper(0.5)))
                .build());

    assertThat(response.getPlannedAction(0)).isEqualTo(-0.02f);
    assertThat(response.getPlannedAction(6)).isEqualTo(0.5f);
    assertThat(response.getPlanner().getSampling().getPinDgripper()).isEqualTo(0.5);
    assertThatThrownBy(() ->
            fixture.blocking.planOnce(
                planOnce()
                    .setPlanner(
                        PlannerOverrides.newBuilder()
                            .addSubgoalSampling(SamplingHooks.getDefaultInstance())
                            .addSubgoalSampling(SamplingHooks.getDefaultInstance()))
                    .build()))
        .satisfies(
            e -> assertCode(e, Status.Code.INVALID_ARGUMENT, "planner.subgoal_sampling has 2"));
  }

  @Test
  void planOnceIsReproducibleForASeedAndTakesInlineGoals() {
    PlanOnceResponse byId = fixture.blocking.planOnce(planOnce().build());
    PlanOnceResponse inline =
        fixture.blocking.planOnce(
            planOnce()
                .setGoal(GoalRef.newBuilder().setImage(TestImages.raw(TestImages.random(100))))
                .build());

    assertThat(inline.getPlannedActionList()).isEqualTo(byId.getPlannedActionList());
  }

  @Test
  void planOnceRejectsBadInput() {
    assertThatThrownBy(() ->
            fixture.blocking.planOnce(
                planOnce().setGoal(GoalRef.newBuilder().setGoalId("missing")).build()))
        .satisfies(e -> assertCode(e, Status.Code.NOT_FOUND, "goal.goal_id"));
    assertThatThrownBy(() -> fixture.blocking.planOnce(planOnce().clearState().build()))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT, "state is required"));
    EndEffectorState nan = ProbeRequests.STATE.toBuilder().setYM(Double.NaN).build();
    assertThatThrownBy(() -> fixture.blocking.planOnce(planOnce().setState(nan).build()))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT, "state.y_m must be finite"));
    assertThat(fixture.arm.moves()).isEmpty();
  }

  /**
   * Found by OperatorRequestFuzzTest: a finite double beyond float range passed the check, became
   * an infinity in the model's float32 state, and the call ended INTERNAL.
   */
  @Test
  void planOnceRejectsAStateBeyondFloatRange() {
    EndEffectorState huge = ProbeRequests.STATE.toBuilder().setRollRad(-1e300).build();
    assertThatThrownBy(() -> fixture.blocking.planOnce(planOnce().setState(huge).build()))
        .satisfies(e ->
            assertCode(
                e,
                Status.Code.INVALID_ARGUMENT,
                "state.roll_rad must be finite and within float range (±3.4e38), got -1.0E300"));
    assertThat(fixture.arm.moves()).isEmpty();
  }

  @Test
  void energyLandscapeReturnsTheGridItsArgminAndADecodableHeatmap() throws Exception {
    GridSpec grid =
        GridSpec.newBuilder()
            .setMinDxM(-0.05)
            .setMaxDxM(0.05)
            .setStepsX(5)
            .setMinDyM(-0.03)
            .setMaxDyM(0.03)
            .setStepsY(4)
            .build();

    EnergyLandscapeResponse response =
        fixture.blocking.energyLandscape(
            EnergyLandscapeRequest.newBuilder()
                .setFrame(TestImages.png(TestImages.random(1)))
                .setState(ProbeRequests.STATE)
                .setGoal(GoalRef.newBuilder().setGoalId(goalId))
                .setGrid(grid)
                .setHeatmapCellPx(4)
                .build());

    assertThat(response.getEnergiesList()).hasSize(20).allSatisfy(e -> assertThat(e).isFinite());
    assertThat(response.getDxValuesMList()).hasSize(5);
    double[] expectedDx = {-0.05, -0.025, 0.0, 0.025, 0.05};
    for (int i = 0; i < expectedDx.length; i++) {
      assertThat(response.getDxValuesM(i)).isCloseTo(expectedDx[i], within(1e-12));
    }
    assertThat(response.getDyValuesMList()).hasSize(4).startsWith(-0.03).endsWith(0.03);
    int argmin = indexOfMin(response);
    assertThat(response.getMinEnergy()).isEqualTo(response.getEnergies(argmin));
    assertThat(response.getArgminDxM()).isEqualTo(response.getDxValuesM(argmin % 5));
    assertThat(response.getArgminDyM()).isEqualTo(response.getDyValuesM(argmin / 5));
    BufferedImage heatmap =
        ImageIO.read(new ByteArrayInputStream(response.getHeatmapPng().toByteArray()));
    assertThat(heatmap.getWidth()).isEqualTo(20);
    assertThat(heatmap.getHeight()).isEqualTo(16);
    assertThat(fixture.arm.moves()).isEmpty();
  }

  private static int indexOfMin(EnergyLandscapeResponse response) {
    int best = 0;
    for (int i = 1; i < response.getEnergiesCount(); i++) {
      if (response.getEnergies(i) < response.getEnergies(best)) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void energyLandscapeRejectsBadGrids() {
    GridSpec bad =
        GridSpec.newBuilder()
            .setMinDxM(0.05)
            .setMaxDxM(-0.05)
            .setStepsX(65)
            .setMinDyM(-0.03)
            .setMaxDyM(0.03)
            .setStepsY(4)
            .build();
    EnergyLandscapeRequest request =
        EnergyLandscapeRequest.newBuilder()
            .setFrame(TestImages.png(TestImages.random(1)))
            .setState(ProbeRequests.STATE)
            .setGoal(GoalRef.newBuilder().setGoalId(goalId))
            .setGrid(bad)
            .build();

    assertThatThrownBy(() -> fixture.blocking.energyLandscape(request))
        .satisfies(
            e -> assertCode(e, Status.Code.INVALID_ARGUMENT, "grid.steps_x must be in [2, 64]"))
        .satisfies(e -> assertCode(e, Status.Code.INVALID_ARGUMENT, "grid.max_dx_m"));
  }

  @Test
  void statusAndServerInfoDescribeRobotModelAndPlanner() {
    GetStatusResponse status = fixture.blocking.getStatus(GetStatusRequest.getDefaultInstance());
    GetServerInfoResponse info =
        fixture.blocking.getServerInfo(GetServerInfoRequest.getDefaultInstance());

    assertThat(status.getRobotId()).isEqualTo(ServiceFixture.ROBOT);
    assertThat(status.getArmState().getXM()).isEqualTo(0.5);
    assertThat(status.hasActiveTask()).isFalse();
    assertThat(status.getEmergencyStopLatched()).isFalse();
    assertThat(status.getModelProvider()).isEqualTo("CPU");
    assertThat(info.getServerVersion()).isEqualTo("test-version");
    assertThat(info.getModel().getName()).isEqualTo("untrained-small-64");
    assertThat(info.getModel().getOnnxruntimeVersion()).isNotEmpty();
    assertThat(info.getModel().getEnergyHorizonsStepsList()).contains(1);
    assertThat(info.getModel().getFilesList())
        .isNotEmpty()
        .allSatisfy(file -> assertThat(file.getSha256()).hasSize(64));
    assertThat(info.getPlannerDefaults().getL1BallEnabled()).isTrue();
    assertThat(info.getPlannerDefaults().getL1BallRadiusM()).isEqualTo(0.075);
    assertThat(info.getRobotIdsList()).containsExactly(ServiceFixture.ROBOT);
    assertThatThrownBy(() ->
            fixture.blocking.getStatus(GetStatusRequest.newBuilder().setRobotId("other").build()))
        .satisfies(e -> assertCode(e, Status.Code.NOT_FOUND, "no robot 'other'"));
  }
}
