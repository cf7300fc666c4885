package dev.latentmpc.simharness.task;

import dev.latentmpc.simharness.geom.Vec3;

/**
 * The scene's ground truth after one control step, as the success check saw it: whether the task
 * object was held, and where it was.
 *
 * @param held whether the task object was held (between the closed fingers)
 * @param objectBottomM the task object's bottom centre, metres (base frame)
 */
public record SceneSample(boolean held, Vec3 objectBottomM) {}
