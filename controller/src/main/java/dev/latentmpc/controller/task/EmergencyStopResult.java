package dev.latentmpc.controller.task;

import java.util.Optional;

/**
 * What an emergency stop did on one robot.
 *
 * @param robotId the robot, now latched
 * @param cancelledTaskId the task it cancelled, if one was running
 * @param stopError why {@code ArmIO.stop()} failed, if it did (the latch holds anyway)
 */
public record EmergencyStopResult(
    String robotId, Optional<String> cancelledTaskId, Optional<String> stopError) {}
