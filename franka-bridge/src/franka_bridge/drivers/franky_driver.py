"""The franky driver: a Franka Panda or FR3 with the Franka Hand through franky (libfranka).

Library calls (franky 2.0.0 and 1.1.x, TimSchneider42/franky python/bind_*.cpp):

- connect: `franky.Robot(host, relative_dynamics_factor=f, realtime_config=...)`,
  `robot.state.F_T_EE` (checked against the configured native frame), `robot.has_errors`,
  `franky.Gripper(host)`, `gripper.max_width`;
- read: `robot.current_pose.end_effector_pose` (`.translation`, `.quaternion` [x, y, z, w]) —
  O_T_EE, the end-effector frame configured in Desk — and `gripper.width`;
- arm motion: `robot.move(franky.CartesianMotion(franky.Affine(translation, quaternion),
  franky.ReferenceType.Absolute), asynchronous=True)`, then `robot.join_motion(timeout=...)` in
  short slices. Absolute, because franky composes a Relative target in the end-effector frame
  (src/motion/cartesian_waypoint_motion.cpp, setNewWaypoint: `prev_target.end_effector_pose() *
  target`), while the protocol's delta is in the base frame; the bridge computes the absolute
  target itself;
- gripper: opening `gripper.move_async(width, speed)`; closing `gripper.grasp_async(width, speed,
  force, epsilon_inner=width + 0.001, epsilon_outer=max_width)`, which counts any stop between
  fully closed and fully open as a grasp and keeps the force on an object; `BoolFuture.wait(t)`,
  `BoolFuture.get()`;
- stop: `robot.move(franky.CartesianStopMotion(), asynchronous=True)` + `robot.join_motion(
  timeout=stop_timeout_s)` (a jerk-limited stop and a 50 ms hold); if that does not end in time,
  `robot.stop()` (libfranka's preemption); `gripper.stop()` for a running gripper motion;
- errors: `robot.has_errors`, `robot.state.current_errors`; recovery `robot.recover_from_errors()`.

Every exception the library raises (ControlException for reflexes, NetworkException, ...)
becomes a RobotError carrying the library's message.
"""

from __future__ import annotations

import logging
import math
import threading

from franka_bridge.config import FrankySettings
from franka_bridge.drivers.base import Driver, Reading, RobotError
from franka_bridge.pose import Pose, distance, flange_to_frame, matmul, rotation_angle, transpose

LOG = logging.getLogger(__name__)


class FrankyDriver(Driver):
    """Thread-safe: library calls are serialised; waits happen in the caller's short slices."""

    name = "franky"
    simulated = False

    def __init__(self, settings: FrankySettings):
        self._s = settings
        self._native = flange_to_frame(
            settings.native_offset_from_flange_m, settings.native_rotation_about_flange_z_rad
        )
        self._lock = threading.RLock()
        self._franky = None
        self._robot = None
        self._gripper = None
        self._max_width = 0.08
        self._arm_moving = False
        self._gripper_future = None
        self._warned_no_gripper = False

    def connect(self) -> None:
        try:
            import franky  # noqa: PLC0415 - only this driver needs the library
        except ImportError as e:
            raise RobotError(
                "the franky driver needs the franky library (the wheel matching the robot's "
                f"system version, see franka-bridge/README.md): {e}"
            ) from e
        self._franky = franky
        s = self._s
        realtime = franky.RealtimeConfig.Enforce if s.realtime == "enforce" else franky.RealtimeConfig.Ignore
        with self._lock:
            self._robot = self._call(
                lambda: franky.Robot(
                    s.host, relative_dynamics_factor=s.relative_dynamics_factor, realtime_config=realtime
                )
            )
            self._check_native_frame(self._call(lambda: self._robot.state.F_T_EE))
            if s.gripper:
                self._gripper = self._call(lambda: franky.Gripper(s.host))
                self._max_width = float(self._call(lambda: self._gripper.max_width))

    def close(self) -> None:
        self.stop()
        with self._lock:
            self._robot = None
            self._gripper = None

    def native_frame(self) -> Pose:
        return self._native

    def read(self) -> Reading:
        with self._lock:
            ee = self._call(lambda: self._robot.current_pose.end_effector_pose)
            pose = _pose(ee)
            width = self._call(lambda: float(self._gripper.width)) if self._gripper else self._max_width
        return Reading(pose, width)

    def gripper_max_width(self) -> float:
        return self._max_width

    def start_arm(self, target: Pose) -> None:
        f = self._franky
        affine = f.Affine(translation=list(target.t), quaternion=list(target.quaternion()))
        motion = f.CartesianMotion(affine, f.ReferenceType.Absolute)
        with self._lock:
            self._arm_moving = True
            self._call(lambda: self._robot.move(motion, asynchronous=True))

    def start_gripper(self, width_m: float, closing: bool) -> None:
        if self._gripper is None:
            if not self._warned_no_gripper:
                LOG.warning("driver.franky.gripper = false: gripper commands are ignored")
                self._warned_no_gripper = True
            return
        s = self._s
        with self._lock:
            if closing:
                self._gripper_future = self._call(
                    lambda: self._gripper.grasp_async(
                        width_m, s.gripper_speed_mps, s.gripper_force_n,
                        epsilon_inner=width_m + 0.001, epsilon_outer=self._max_width,
                    )
                )
            else:
                self._gripper_future = self._call(lambda: self._gripper.move_async(width_m, s.gripper_speed_mps))

    def wait(self, timeout_s: float) -> bool:
        # The slice goes to the library as it is: the library's own clock measures it.
        timeout_s = max(0.0, timeout_s)
        with self._lock:
            if self._arm_moving:
                try:
                    done = self._call(lambda: self._robot.join_motion(timeout=timeout_s))
                except RobotError:
                    self._arm_moving = False
                    raise
                if not done:
                    return False
                self._arm_moving = False
                timeout_s = 0.0  # the arm used the slice; only look whether the gripper is done
            if self._gripper_future is not None:
                future = self._gripper_future
                if not self._call(lambda: future.wait(timeout_s)):
                    return False
                self._gripper_future = None
                self._call(future.get)
        return True

    def stop(self) -> None:
        with self._lock:
            if self._robot is None:
                return
            if self._arm_moving:
                self._arm_moving = False
                f = self._franky
                self._call(lambda: self._robot.move(f.CartesianStopMotion(), asynchronous=True))
                if not self._call(lambda: self._robot.join_motion(timeout=self._s.stop_timeout_s)):
                    LOG.error("the stop motion did not end within %.2f s: preempting with Robot.stop()",
                              self._s.stop_timeout_s)
                    self._call(self._robot.stop)
                    try:
                        self._robot.join_motion(timeout=self._s.stop_timeout_s)
                    except Exception as e:  # noqa: BLE001 - the preemption reports itself this way
                        LOG.warning("after Robot.stop(): %s", e)
            if self._gripper_future is not None and self._gripper is not None:
                self._gripper_future = None
                self._call(self._gripper.stop)

    def faults(self) -> str | None:
        with self._lock:
            if not self._call(lambda: self._robot.has_errors):
                return None
            return str(self._call(lambda: self._robot.state.current_errors))

    def recover(self) -> None:
        with self._lock:
            if not self._call(self._robot.recover_from_errors):
                raise RobotError("libfranka's automatic error recovery did not succeed")

    def _check_native_frame(self, f_t_ee) -> None:
        measured = _pose(f_t_ee)
        tol = self._s.native_frame_tolerance
        off = distance(measured.t, self._native.t)
        turn = rotation_angle(matmul(measured.r, transpose(self._native.r)))
        if off > tol or turn > tol:
            yaw = math.atan2(measured.r[1][0], measured.r[0][0])
            raise RobotError(
                "the robot's end-effector frame (Desk) F_T_EE = translation "
                f"({measured.t[0]:.4f}, {measured.t[1]:.4f}, {measured.t[2]:.4f}) m, yaw {yaw:.4f} rad "
                "differs from driver.franky.native_offset_from_flange_m = "
                f"{self._s.native_offset_from_flange_m} / native_rotation_about_flange_z_rad = "
                f"{self._s.native_rotation_about_flange_z_rad} (off by {off:.4f} m, {turn:.4f} rad): "
                "select the Franka Hand in Desk or set those keys to the robot's F_T_EE"
            )

    @staticmethod
    def _call(fn):
        try:
            return fn()
        except RobotError:
            raise
        except Exception as e:  # noqa: BLE001 - every library failure is a robot error
            raise RobotError(f"{type(e).__name__}: {e}") from e


def _pose(affine) -> Pose:
    t = tuple(float(v) for v in affine.translation)
    q = tuple(float(v) for v in affine.quaternion)
    return Pose.from_quaternion(t, q)  # type: ignore[arg-type]
