"""The arm as the protocol sees it, over any driver: state in the reported frame, the pose update,
bridge-side safety, one motion at a time, timeouts, stops and the robot-error latch.

Safety that does not trust the service:

- deltas are checked against the per-call bounds before this class is reached (checks.py);
- targets are clamped into the workspace box (in the reported frame) and lifted so that the
  fingertips stay `table_margin_m` above the table (`clamped_by_workspace`/`clamped_by_table`);
- a motion starting with the end effector outside the box (beyond `outside_tolerance_m`) is
  refused, so that clamping never turns a small delta into a long jump back into the box;
- a robot error during a motion (a reflex, a lost connection) latches: every later motion is
  refused with UNAVAILABLE until `recover()` (the `franka-bridge recover` command) succeeds;
- Stop and the watchdog work while a motion runs: the waiting motion checks every `slice_s`.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from franka_bridge.config import Config
from franka_bridge.drivers.base import Driver, Reading, RobotError, TargetUnreachable
from franka_bridge.pose import (
    Pose,
    apply_delta,
    convert,
    distance,
    flange_to_frame,
    matmul,
    rotation_angle,
    transpose,
)

LOG = logging.getLogger(__name__)

RECOVERY_HINT = (
    "the bridge refuses motion until the cause is fixed and `franka-bridge recover --config FILE` "
    "succeeds (see franka-bridge/README.md, 'After a robot error')"
)


class Busy(Exception):
    """Another motion is in progress (FAILED_PRECONDITION)."""


class Refused(Exception):
    """The motion cannot start in the arm's present situation (FAILED_PRECONDITION)."""


class Unavailable(Exception):
    """The robot cannot be reached or is in error (UNAVAILABLE)."""


class MotionTimeout(Exception):
    """The motion ran out of time; the arm was stopped first (DEADLINE_EXCEEDED)."""


class Cancelled(Exception):
    """The client cancelled; the arm was stopped (CANCELLED)."""


class Clock:
    """The bridge's clocks: monotonic for durations, wall for `*_unix_nanos` fields."""

    def monotonic_ns(self) -> int:
        return time.monotonic_ns()

    def wall_ns(self) -> int:
        return time.time_ns()


@dataclass(frozen=True)
class ArmState:
    """The 7-D state in the reported frame, with the wall-clock time it was read."""

    x: float
    y: float
    z: float
    roll: float
    pitch: float
    yaw: float
    closedness: float
    read_time_unix_ns: int


@dataclass(frozen=True)
class MoveOutcome:
    """What a motion achieved."""

    reached: ArmState
    clamped_by_workspace: bool
    clamped_by_table: bool
    duration_ns: int


class ArmController:
    """Thread-safe. One motion at a time; `stop()` and reads never wait for a motion."""

    def __init__(self, driver: Driver, config: Config, clock: Clock | None = None, slice_s: float = 0.01):
        self._driver = driver
        self._config = config
        self._safety = config.safety
        self._clock = clock or Clock()
        self._slice_s = slice_s
        st = config.state
        self._reported = flange_to_frame(st.offset_from_flange_m, st.rotation_about_flange_z_rad)
        self._fingertips = flange_to_frame(self._safety.fingertip_offset_from_flange_m, 0.0)
        self._native = Pose((0.0, 0.0, 0.0))
        self._max_width = 0.08
        self._gate = threading.Lock()
        self._lock = threading.Lock()
        self._stops = 0  # guarded by _lock: how many stops were requested
        self._fault: str | None = None  # guarded by _lock

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Connects the driver (no motion) and latches any error the robot already reports."""
        self._driver.connect()
        self._native = self._driver.native_frame()
        self._max_width = self._driver.gripper_max_width()
        if not self._max_width > 0:
            raise RobotError(f"the gripper reports a maximum opening of {self._max_width} m")
        robot_fault = self._driver.faults()
        if robot_fault:
            self._latch(f"the robot reports an error at start-up: {robot_fault}")

    def close(self) -> None:
        """Stops the arm and closes the driver."""
        self.stop_quietly()
        try:
            self._driver.close()
        except RobotError as e:
            LOG.warning("closing the robot connection: %s", e)

    @property
    def gripper_max_opening_m(self) -> float:
        return self._max_width

    @property
    def fault(self) -> str | None:
        with self._lock:
            return self._fault

    # -- reads -----------------------------------------------------------------------------

    def read_state(self) -> ArmState:
        """The current state; UNAVAILABLE when the robot cannot be read."""
        return self._state(self._read())

    # -- motions ---------------------------------------------------------------------------

    def move_delta(
        self, delta: tuple[float, ...], timeout_s: float, cancelled: Callable[[], bool]
    ) -> MoveOutcome:
        """Applies a checked 7-D delta: arm and gripper move together, bounded by `timeout_s`."""
        with self._one_motion() as (stops, t0):
            reading = self._read()
            now = convert(reading.pose, self._native, self._reported)
            self._refuse_outside_box(now)
            target = apply_delta(now, delta[0:3], delta[3], delta[4], delta[5])
            target, by_box = self._clamp_to_box(target)
            target, by_table = self._lift_above_table(target)
            closed_now = self._closedness(reading.gripper_width_m)
            closed_target = min(1.0, max(0.0, closed_now + delta[6]))
            arm_target = None
            if distance(target.t, now.t) > 1e-9 or rotation_angle(matmul(target.r, transpose(now.r))) > 1e-9:
                arm_target = convert(target, self._reported, self._native)
            gripper = self._gripper_command(reading, closed_now, closed_target, delta[6] != 0.0)
            self._run(arm_target, gripper, t0, timeout_s, cancelled, stops)
            reached = self.read_state()
            return MoveOutcome(reached, by_box, by_table, self._clock.monotonic_ns() - t0)

    def set_gripper(self, closedness: float, timeout_s: float, cancelled: Callable[[], bool]) -> MoveOutcome:
        """Moves the gripper to an absolute closedness; the pose is held."""
        with self._one_motion() as (stops, t0):
            reading = self._read()
            closed_now = self._closedness(reading.gripper_width_m)
            gripper = self._gripper_command(reading, closed_now, closedness, True)
            self._run(None, gripper, t0, timeout_s, cancelled, stops)
            return MoveOutcome(self.read_state(), False, False, self._clock.monotonic_ns() - t0)

    def stop(self) -> ArmState:
        """Stops any motion now and holds; the running motion (if any) returns where it ended."""
        try:
            self._stop_driver()
        except RobotError as e:
            self._latch(f"stopping failed: {e}")
            raise Unavailable(f"the robot could not be stopped: {e}; {RECOVERY_HINT}") from e
        return self.read_state()

    def stop_quietly(self) -> None:
        """Stops the arm, logging instead of raising (shutdown, watchdog, failed motions)."""
        try:
            self._stop_driver()
        except RobotError as e:
            LOG.error("could not stop the arm: %s", e)

    def _stop_driver(self) -> None:
        # Counted first, so that a running motion sees the stop even when the driver's stop fails.
        with self._lock:
            self._stops += 1
        self._driver.stop()

    def recover(self) -> str:
        """Clears a latched robot error after the robot's own recovery succeeds."""
        if not self._gate.acquire(blocking=False):
            raise Busy("a motion is in progress; recovery needs an idle arm")
        try:
            before = self.fault
            self._driver.recover()
            robot_fault = self._driver.faults()
            if robot_fault:
                raise RobotError(f"the robot still reports an error after recovery: {robot_fault}")
            with self._lock:
                self._fault = None
            LOG.warning("recovered: motion is allowed again (the error was: %s)", before)
            return "recovered" + (f" from: {before}" if before else " (no error was latched)")
        finally:
            self._gate.release()

    # -- internals -------------------------------------------------------------------------

    @contextmanager
    def _one_motion(self) -> Iterator[tuple[int, int]]:
        """Holds the one-motion gate for a move: refused while an error is latched (first) or
        another motion runs; yields the stop count and the start time (ns) the move is judged by."""
        self._refuse_when_faulted()
        if not self._gate.acquire(blocking=False):
            raise Busy("another motion is in progress; wait for it or call Stop")
        try:
            yield self._stop_count(), self._clock.monotonic_ns()
        finally:
            self._gate.release()

    def _run(self, arm_target, gripper, t0: int, timeout_s: float, cancelled, stops: int) -> None:
        deadline = t0 + int(timeout_s * 1e9)
        try:
            if cancelled():
                raise Cancelled("the call was cancelled before the motion started; nothing moved")
            if arm_target is not None:
                self._driver.start_arm(arm_target)
            if gripper is not None:
                self._driver.start_gripper(*gripper)
            while True:
                if self._stop_count() != stops:
                    # A Stop or the watchdog ended the motion; stop again in case it raced the start.
                    self.stop_quietly()
                    return
                remaining = deadline - self._clock.monotonic_ns()
                if remaining <= 0:
                    self.stop_quietly()
                    raise MotionTimeout(
                        f"the motion did not finish within {round(timeout_s * 1000)} ms; the arm was stopped"
                    )
                if cancelled():
                    LOG.info("client cancelled a motion; stopping the arm")
                    self.stop_quietly()
                    raise Cancelled("the call was cancelled; the arm was stopped")
                if self._driver.wait(min(self._slice_s, remaining / 1e9)):
                    return
        except TargetUnreachable as e:
            self.stop_quietly()
            raise Refused(f"the robot cannot reach the target: {e}; nothing moved") from e
        except RobotError as e:
            self._latch(str(e))
            self.stop_quietly()
            raise Unavailable(f"the robot reported an error: {e}; {RECOVERY_HINT}") from e

    def _gripper_command(self, reading: Reading, closed_now: float, closed_target: float, asked: bool):
        if not asked or abs(closed_target - closed_now) <= self._safety.gripper_deadband:
            return None
        width = self._max_width * (1.0 - closed_target)
        if abs(width - reading.gripper_width_m) < 1e-6:
            return None
        return (width, width < reading.gripper_width_m)

    def _refuse_when_faulted(self) -> None:
        fault = self.fault
        if fault is not None:
            raise Unavailable(f"the robot is in error: {fault}; {RECOVERY_HINT}")

    def _refuse_outside_box(self, pose: Pose) -> None:
        s = self._safety
        tol = s.outside_tolerance_m
        for i, axis in enumerate("xyz"):
            v = pose.t[i]
            if v < s.workspace_min_m[i] - tol or v > s.workspace_max_m[i] + tol:
                raise Refused(
                    f"the end effector is outside the workspace box ({axis} = {v:.3f} m, box "
                    f"[{s.workspace_min_m[i]}, {s.workspace_max_m[i]}] m); move it inside by hand "
                    "(guiding mode) or widen safety.workspace_min_m/max_m; nothing moved"
                )

    def _clamp_to_box(self, pose: Pose) -> tuple[Pose, bool]:
        s = self._safety
        t = tuple(min(s.workspace_max_m[i], max(s.workspace_min_m[i], pose.t[i])) for i in range(3))
        return Pose(t, pose.r), t != pose.t  # type: ignore[arg-type]

    def _lift_above_table(self, pose: Pose) -> tuple[Pose, bool]:
        s = self._safety
        if not s.table_guard:
            return pose, False
        tips = convert(pose, self._reported, self._fingertips)
        lift = s.table_z_m + s.table_margin_m - tips.t[2]
        if lift <= 0:
            return pose, False
        return Pose((pose.t[0], pose.t[1], pose.t[2] + lift), pose.r), True

    def _closedness(self, width_m: float) -> float:
        return min(1.0, max(0.0, 1.0 - width_m / self._max_width))

    def _read(self) -> Reading:
        try:
            return self._driver.read()
        except RobotError as e:
            raise Unavailable(f"the robot cannot be read: {e}") from e

    def _state(self, reading: Reading) -> ArmState:
        p = convert(reading.pose, self._native, self._reported)
        roll, pitch, yaw = p.euler()
        values = tuple(v + 0.0 for v in (p.t[0], p.t[1], p.t[2], roll, pitch, yaw))  # no -0.0
        if not all(math.isfinite(v) for v in values):
            raise Unavailable(f"the robot reported a non-finite pose {values}")
        return ArmState(*values, self._closedness(reading.gripper_width_m), self._clock.wall_ns())

    def _stop_count(self) -> int:
        with self._lock:
            return self._stops

    def _latch(self, message: str) -> None:
        with self._lock:
            if self._fault is None:
                self._fault = message
        LOG.error("robot error latched: %s", message)
