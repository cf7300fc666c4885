"""The polymetis driver: a DROID-style rig (Franka Panda or FR3 behind a running Polymetis
server, Robotiq 2F-85 or Franka Hand through Polymetis' gripper server).

Library calls (facebookresearch/fairo at 0a01a7fa, polymetis/python/polymetis/robot_interface.py
and gripper_interface.py):

- connect: `polymetis.RobotInterface(ip_address=host, port=port)`, `robot.metadata.ee_link_name`
  (checked against `native_frame_name`: DROID's config/*/franka_panda.yaml sets panda_link8),
  `polymetis.GripperInterface(ip_address=..., port=...)`, `gripper.metadata.max_width`;
- read: `robot.get_ee_pose()` → (position, quaternion [x, y, z, w]) of `ee_link_name` by forward
  kinematics, `gripper.get_state().width`;
- arm motion: `robot.move_to_ee_pose(position, orientation, time_to_go=T, blocking=False)` —
  an absolute target, a straight line in Cartesian space (`op_space_interp=True`, the default),
  T from the configured top speeds — then `robot.is_running_policy()` polled; `[]` from
  move_to_ee_pose means inverse kinematics failed and nothing was sent;
- gripper: closing `gripper.grasp(speed, force, grasp_width=w, epsilon_inner=w + 0.001,
  epsilon_outer=max_width, blocking=False)`, opening `gripper.goto(width=w, speed, force,
  blocking=False)`; done when `get_state().is_moving` is false after `gripper_settle_s`;
- stop: `robot.terminate_current_policy(return_log=False)` (Polymetis' default controller then
  holds the arm); a running gripper motion is held with `gripper.goto(width=<current width>, ...)`
  (GripperInterface has no stop);
- errors: every exception (grpc.RpcError "POLYMETIS SERVER ERROR ...") becomes a RobotError.
  Polymetis exposes no reflex state to its clients, so `faults()` reports none and `recover()`
  only checks that the server answers (`robot.get_robot_state()`); after a reflex the Polymetis
  server (launch_robot.py) must be restarted first.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

from franka_bridge.config import PolymetisSettings
from franka_bridge.drivers.base import Driver, Reading, RobotError, TargetUnreachable
from franka_bridge.pose import Pose, distance, flange_to_frame, matmul, rotation_angle, transpose

POLL_S = 0.01


class PolymetisDriver(Driver):
    """Thread-safe: library calls are serialised."""

    name = "polymetis"
    simulated = False

    def __init__(
        self,
        settings: PolymetisSettings,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self._s = settings
        self._native = flange_to_frame(
            settings.native_offset_from_flange_m, settings.native_rotation_about_flange_z_rad
        )
        self._now = now
        self._sleep = sleep
        self._lock = threading.RLock()
        self._robot = None
        self._gripper = None
        self._max_width = 0.085
        self._arm_moving = False
        self._gripper_since: float | None = None

    def connect(self) -> None:
        try:
            import polymetis  # noqa: PLC0415 - only this driver needs the library
        except ImportError as e:
            raise RobotError(
                "the polymetis driver needs Polymetis' Python client (the polymetis conda "
                f"environment of the robot's server, see franka-bridge/README.md): {e}"
            ) from e
        s = self._s
        with self._lock:
            self._robot = _call(lambda: polymetis.RobotInterface(ip_address=s.host, port=s.port))
            link = _call(lambda: self._robot.metadata.ee_link_name)
            if link != s.native_frame_name:
                raise RobotError(
                    f"the Polymetis server's robot model reports poses of {link!r}, but "
                    f"driver.polymetis.native_frame_name = {s.native_frame_name!r}: set it (and "
                    "native_offset_from_flange_m / native_rotation_about_flange_z_rad) to that link, "
                    "or change the server's robot_model config"
                )
            if s.gripper:
                self._gripper = _call(lambda: polymetis.GripperInterface(ip_address=s.gripper_host, port=s.gripper_port))
                self._max_width = float(_call(lambda: self._gripper.metadata.max_width))

    def close(self) -> None:
        self.stop()
        with self._lock:
            self._robot = None
            self._gripper = None

    def native_frame(self) -> Pose:
        return self._native

    def read(self) -> Reading:
        with self._lock:
            pos, quat = _call(self._robot.get_ee_pose)
            pose = Pose.from_quaternion(tuple(float(v) for v in pos.tolist()), tuple(float(v) for v in quat.tolist()))
            width = float(_call(lambda: self._gripper.get_state().width)) if self._gripper else self._max_width
        return Reading(pose, width)

    def gripper_max_width(self) -> float:
        return self._max_width

    def start_arm(self, target: Pose) -> None:
        s = self._s
        with self._lock:
            now = self.read().pose
            time_to_go = max(
                s.min_time_to_go_s,
                distance(now.t, target.t) / s.max_speed_mps,
                rotation_angle(matmul(target.r, transpose(now.r))) / s.max_rotation_speed_radps,
            )
            result = _call(
                lambda: self._robot.move_to_ee_pose(
                    list(target.t), list(target.quaternion()), time_to_go=time_to_go, blocking=False
                )
            )
            if isinstance(result, list) and not result:
                raise TargetUnreachable("Polymetis found no joint positions for the target (inverse kinematics failed)")
            self._arm_moving = True

    def start_gripper(self, width_m: float, closing: bool) -> None:
        if self._gripper is None:
            return
        s = self._s
        with self._lock:
            if closing:
                _call(lambda: self._gripper.grasp(
                    s.gripper_speed_mps, s.gripper_force_n, grasp_width=width_m,
                    epsilon_inner=width_m + 0.001, epsilon_outer=self._max_width, blocking=False,
                ))
            else:
                _call(lambda: self._gripper.goto(width=width_m, speed=s.gripper_speed_mps,
                                                 force=s.gripper_force_n, blocking=False))
            self._gripper_since = self._now()

    def wait(self, timeout_s: float) -> bool:
        end = self._now() + max(0.0, timeout_s)
        while True:
            with self._lock:
                if self._arm_moving and not _call(self._robot.is_running_policy):
                    self._arm_moving = False
                if self._gripper_since is not None and self._now() - self._gripper_since >= self._s.gripper_settle_s:
                    if not _call(lambda: self._gripper.get_state().is_moving):
                        self._gripper_since = None
                if not self._arm_moving and self._gripper_since is None:
                    return True
            left = end - self._now()
            if left <= 0:
                return False
            self._sleep(min(POLL_S, left))

    def stop(self) -> None:
        with self._lock:
            if self._robot is None:
                return
            if self._arm_moving:
                self._arm_moving = False
                if _call(self._robot.is_running_policy):
                    _call(lambda: self._robot.terminate_current_policy(return_log=False))
            if self._gripper_since is not None and self._gripper is not None:
                self._gripper_since = None
                width = float(_call(lambda: self._gripper.get_state().width))
                _call(lambda: self._gripper.goto(width=width, speed=self._s.gripper_speed_mps,
                                                 force=self._s.gripper_force_n, blocking=False))

    def faults(self) -> str | None:
        return None

    def recover(self) -> None:
        with self._lock:
            _call(self._robot.get_robot_state)


def _call(fn):
    try:
        return fn()
    except RobotError:
        raise
    except Exception as e:  # noqa: BLE001 - every library failure is a robot error
        raise RobotError(f"{type(e).__name__}: {e}") from e
