package dev.latentmpc.simharness.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.simharness.geom.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CameraSpecTest {

  @ParameterizedTest
  @ValueSource(doubles = {34.9, 85.1, -60, 0, 90, Double.NaN, Double.POSITIVE_INFINITY})
  void azimuthOutsideThePapersSweepIsRejected(double azimuthDeg) {
    assertThatThrownBy(() -> CameraSpec.aroundBase(azimuthDeg))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[35.0, 85.0] degrees")
        .hasMessageContaining(String.valueOf(azimuthDeg));
  }

  @Test
  void aroundBaseCirclesTheTableCentreOnTheRobotsLeft() {
    Vec3 c = CameraSpec.WORKSPACE_CENTER_M;
    for (double az = 35; az <= 85; az += 5) {
      CameraSpec cam = CameraSpec.aroundBase(az);
      Vec3 eye = cam.eyeM();
      double horizontal = Math.hypot(eye.x() - c.x(), eye.y() - c.y());
      assertThat(horizontal).isCloseTo(CameraSpec.ORBIT_RADIUS_M, within(1e-12));
      assertThat(eye.z()).isEqualTo(CameraSpec.ORBIT_HEIGHT_M);
      // Left of the robot (+y) and between the base side and the table centre.
      assertThat(eye.y()).isPositive();
      assertThat(eye.x()).isLessThan(c.x());
      assertThat(cam.targetM()).isEqualTo(c);
      assertThat(cam.widthPx()).isEqualTo(256);
      assertThat(cam.heightPx()).isEqualTo(256);
    }
    // Larger angles swing the camera from behind the robot towards its left side.
    assertThat(CameraSpec.aroundBase(80).eyeM().x())
        .isGreaterThan(CameraSpec.aroundBase(40).eyeM().x());
    assertThat(CameraSpec.DEFAULT).isEqualTo(CameraSpec.aroundBase(CameraSpec.DEFAULT_AZIMUTH_DEG));
  }

  @Test
  void theTaskBoxWithTheHandOnTopIsInsideTheFrameFromEveryAzimuth() {
    for (double az = CameraSpec.MIN_AZIMUTH_DEG; az <= CameraSpec.MAX_AZIMUTH_DEG; az += 5) {
      CameraSpec cam = CameraSpec.aroundBase(az);
      for (double x : new double[] {0.35, 0.65}) {
        for (double y : new double[] {-0.25, 0.25}) {
          // z 0.5: the top of the hand housing at the highest episode start (TCP 0.40 m)
          for (double z : new double[] {0, 0.5}) {
            ImagePoint p = cam.project(new Vec3(x, y, z));
            assertThat(p.insideImage(256, 256)).as("az %s corner %s %s %s", az, x, y, z).isTrue();
          }
        }
      }
    }
  }

  @Test
  void projectionPutsTheTargetAtTheCentreAndKeepsOrientation() {
    CameraSpec cam = CameraSpec.DEFAULT;
    ImagePoint target = cam.project(cam.targetM());
    assertThat(target.xPx()).isCloseTo(128, within(1e-9));
    assertThat(target.yPx()).isCloseTo(128, within(1e-9));
    assertThat(target.depthM()).isCloseTo(cam.targetM().minus(cam.eyeM()).norm(), within(1e-12));

    ImagePoint above = cam.project(cam.targetM().plus(new Vec3(0, 0, 0.1)));
    assertThat(above.yPx()).isLessThan(128);
    // The camera is on the robot's left looking across: the robot base is on the image's right.
    assertThat(cam.project(Vec3.ZERO).xPx()).isGreaterThan(128);

    ImagePoint behind = cam.project(cam.eyeM().times(2).minus(cam.targetM()));
    assertThat(behind.inFront()).isFalse();
    assertThat(behind.insideImage(256, 256)).isFalse();
  }

  @Test
  void invalidCamerasAreRejectedWithTheReason() {
    Vec3 eye = new Vec3(0, 1, 0.5);
    Vec3 target = CameraSpec.WORKSPACE_CENTER_M;
    assertThatThrownBy(() -> new CameraSpec(4, 256, 60, eye, target))
        .hasMessageContaining("widthPx");
    assertThatThrownBy(() -> new CameraSpec(256, 256, 0, eye, target))
        .hasMessageContaining("verticalFovDeg");
    assertThatThrownBy(() -> new CameraSpec(256, 256, 60, target, target))
        .hasMessageContaining("coincide");
    assertThatThrownBy(() -> new CameraSpec(256, 256, 60, new Vec3(0.5, 0, 2), target))
        .hasMessageContaining("straight up or down");
    assertThatThrownBy(() -> new CameraSpec(256, 256, 60, new Vec3(Double.NaN, 0, 1), target))
        .hasMessageContaining("finite");
  }
}
