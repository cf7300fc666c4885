package dev.latentmpc.controller.loop;

import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.controller.arm.ArmState;

/**
 * The one observation a step computes from: the latest frame, the arm state and the clock, each
 * read once.
 *
 * @param frame the latest camera frame
 * @param armState the arm state read right after the frame
 * @param timeNanos the controller's clock right after both reads
 */
record Snapshot(CameraFrame frame, ArmState armState, long timeNanos) {

  /** Returns how old the frame was at the snapshot (negative if stamped after it). */
  long frameAgeNanos() {
    return timeNanos - frame.captureTimeNanos();
  }
}
