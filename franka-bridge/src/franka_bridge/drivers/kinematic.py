"""A driver without hardware: integrates motions in time at a configured top speed.

For demos and for running the whole stack (service → bridge) on a machine without a robot. The
native frame is the reported frame, so no conversion happens. Motions are time-parameterised —
a straight line in position and a constant-rate rotation about one axis, at most
`max_speed_mps` and `max_rotation_speed_radps` — so a Stop, a timeout or a cancelled call during
a move ends it part-way, as on the robot. The gripper moves at `gripper_speed_mps`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

from franka_bridge.config import KinematicSettings, StateSettings
from franka_bridge.drivers.base import Driver, Reading
from franka_bridge.pose import (
    Pose,
    distance,
    flange_to_frame,
    matmul,
    rotation_angle,
    rotation_power,
    transpose,
)


T = TypeVar("T")


@dataclass(frozen=True)
class _Segment(Generic[T]):
    """A move from `start` to `target` over `duration_ns` from `t0_ns`; `between(start, target, f)`
    is where it is at the fraction f of the way."""

    start: T
    target: T
    t0_ns: int
    duration_ns: int
    between: Callable[[T, T, float], T]

    def at(self, now_ns: int) -> T:
        if self.duration_ns <= 0:
            return self.target
        f = min(1.0, max(0.0, (now_ns - self.t0_ns) / self.duration_ns))
        return self.between(self.start, self.target, f)

    def end_ns(self) -> int:
        return self.t0_ns + self.duration_ns


def _pose_between(start: Pose, target: Pose, f: float) -> Pose:
    """A straight line in position, a constant-rate rotation about one axis."""
    t = tuple(start.t[i] + f * (target.t[i] - start.t[i]) for i in range(3))
    step = rotation_power(matmul(target.r, transpose(start.r)), f)
    return Pose(t, matmul(step, start.r))  # type: ignore[arg-type]


def _width_between(start: float, target: float, f: float) -> float:
    return start + f * (target - start)


class KinematicDriver(Driver):
    """Thread-safe; `now_ns` is the monotonic clock motions are timed on."""

    name = "kinematic"
    simulated = True

    def __init__(
        self,
        settings: KinematicSettings,
        state: StateSettings,
        now_ns: Callable[[], int] = time.monotonic_ns,
    ):
        self._s = settings
        self._frame = flange_to_frame(state.offset_from_flange_m, state.rotation_about_flange_z_rad)
        self._now_ns = now_ns
        self._cond = threading.Condition()
        x, y, z, roll, pitch, yaw = settings.start_pose
        self._pose = Pose.from_euler(x, y, z, roll, pitch, yaw)
        self._width = settings.gripper_max_opening_m * (1.0 - settings.start_closedness)
        self._arm: _Segment[Pose] | None = None
        self._gripper: _Segment[float] | None = None
        self._connected = False

    def connect(self) -> None:
        self._connected = True

    def close(self) -> None:
        self.stop()
        self._connected = False

    def native_frame(self) -> Pose:
        return self._frame

    def read(self) -> Reading:
        with self._cond:
            now = self._now_ns()
            return Reading(self._pose_at(now), self._width_at(now))

    def gripper_max_width(self) -> float:
        return self._s.gripper_max_opening_m

    def start_arm(self, target: Pose) -> None:
        with self._cond:
            now = self._now_ns()
            start = self._pose_at(now)
            seconds = max(
                distance(start.t, target.t) / self._s.max_speed_mps,
                rotation_angle(matmul(target.r, transpose(start.r)))
                / self._s.max_rotation_speed_radps,
            )
            self._pose = start
            self._arm = _Segment(start, target, now, int(seconds * 1e9), _pose_between)
            self._cond.notify_all()

    def start_gripper(self, width_m: float, closing: bool) -> None:
        with self._cond:
            now = self._now_ns()
            start = self._width_at(now)
            seconds = abs(width_m - start) / self._s.gripper_speed_mps
            self._width = start
            self._gripper = _Segment(start, width_m, now, int(seconds * 1e9), _width_between)
            self._cond.notify_all()

    def wait(self, timeout_s: float) -> bool:
        deadline = self._now_ns() + int(max(0.0, timeout_s) * 1e9)
        with self._cond:
            while True:
                now = self._now_ns()
                ends = [s.end_ns() for s in (self._arm, self._gripper) if s is not None]
                if not ends or max(ends) <= now:
                    self._settle(now)
                    return True
                if now >= deadline:
                    return False
                self._cond.wait((min(max(ends), deadline) - now) / 1e9)

    def stop(self) -> None:
        with self._cond:
            self._settle(self._now_ns())
            self._cond.notify_all()

    def faults(self) -> str | None:
        return None

    def recover(self) -> None:
        """Nothing to recover: a simulated arm has no reflexes."""

    def _settle(self, now: int) -> None:
        self._pose = self._pose_at(now)
        self._width = self._width_at(now)
        self._arm = None
        self._gripper = None

    def _pose_at(self, now: int) -> Pose:
        return self._arm.at(now) if self._arm is not None else self._pose

    def _width_at(self, now: int) -> float:
        return self._gripper.at(now) if self._gripper is not None else self._width
