package dev.latentmpc.simharness.world;

import dev.latentmpc.simharness.arm.EeState;
import dev.latentmpc.simharness.arm.SimArmConfig;
import dev.latentmpc.simharness.geom.Rot3;
import dev.latentmpc.simharness.geom.Vec3;
import java.util.List;

/** Small scenes for the world tests. */
final class WorldFixtures {
  /** Hand pointing down, fingers closing along the world y axis. */
  static final Rot3 DOWN = Rot3.fromEulerXyz(Math.PI, 0, 0);

  private WorldFixtures() {}

  /** A cube at (0.5, 0), a cup at (0.5, 0.2), the open hand at {@code tcp}. */
  static SimWorld cubeAndCup(Vec3 tcp) {
    return cubeAndCup(SimArmConfig.defaults(), tcp, 0);
  }

  static SimWorld cubeAndCup(SimArmConfig config, Vec3 tcp, double closedness) {
    return SimWorld.of(
        config,
        new EeState(tcp, DOWN, closedness),
        List.of(
            SimObject.standing(ObjectKind.CUBE, 0.5, 0, 0, 0),
            SimObject.standing(ObjectKind.CUP, 0.5, 0.2, 0, 0)));
  }

  static Vec3 cube(SimWorld w) {
    return w.object(ObjectKind.CUBE).orElseThrow().centerM();
  }

  static Vec3 cup(SimWorld w) {
    return w.object(ObjectKind.CUP).orElseThrow().centerM();
  }
}
