package dev.latentmpc.controller.task;

import dev.latentmpc.controller.arm.ArmState;
import java.util.Optional;

/**
 * One robot's state as the runner sees it.
 *
 * @param robotId the robot
 * @param armState the arm state now; empty when it could not be read
 * @param armError why the arm could not be read
 * @param activeTask the running task; empty when idle
 * @param emergencyStopReason the reason of a latched emergency stop; empty when not latched
 */
public record RobotStatus(
    String robotId,
    Optional<ArmState> armState,
    Optional<String> armError,
    Optional<ActiveTaskStatus> activeTask,
    Optional<String> emergencyStopReason) {}
