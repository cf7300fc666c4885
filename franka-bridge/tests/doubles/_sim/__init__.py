"""Shared machinery of the robot-library test doubles: a call log, a clock, timed motions, a
gripper, and the reset of a double's world.

Used by the `franky` and `polymetis` doubles only (never by the bridge). The clock is real
time by default, so that a bridge started as a subprocess over a double behaves like one over a
robot; tests swap in `FakeClock`, whose waits advance time instantly, for deterministic runs.
Pose math here uses numpy and scipy, independently of the bridge's own pose.py.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.spatial.transform import Rotation, Slerp


@dataclass(frozen=True)
class Call:
    """One library call as the double saw it."""

    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"{self.name}({', '.join(parts)})"


class CallLog:
    """Thread-safe list of calls."""

    def __init__(self):
        self._lock = threading.Lock()
        self._calls: list[Call] = []

    def add(self, name: str, *args: Any, **kwargs: Any) -> None:
        with self._lock:
            self._calls.append(Call(name, args, kwargs))

    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def names(self, collapse_polls: bool = True) -> list[str]:
        """Call names in order; consecutive repeats of the same call collapsed into one."""
        out: list[str] = []
        for c in self.calls():
            if collapse_polls and out and out[-1] == c.name:
                continue
            out.append(c.name)
        return out

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()


class RealClock:
    """Monotonic seconds; waits really wait (on the given condition)."""

    def now(self) -> float:
        return time.monotonic()

    def wait(self, cond: threading.Condition, timeout: float | None) -> None:
        cond.wait(timeout)


class FakeClock:
    """A test clock: a wait advances time by its timeout at once (or to `until`)."""

    def __init__(self, start: float = 1000.0):
        self._t = start
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._t

    def advance(self, seconds: float) -> None:
        """Moves time forward; any positive step moves it (by at least one ulp)."""
        with self._lock:
            if seconds > 0:
                self._t = max(self._t + seconds, math.nextafter(self._t, math.inf))

    def wait(self, cond: threading.Condition, timeout: float | None) -> None:
        self.advance(0.001 if timeout is None else max(0.0, timeout))


class Clock:
    """The double's clock, replaceable by tests: `CLOCK.use(FakeClock())`."""

    def __init__(self):
        self.impl: RealClock | FakeClock = RealClock()

    def use(self, impl) -> None:
        self.impl = impl

    def now(self) -> float:
        return self.impl.now()

    def wait(self, cond: threading.Condition, timeout: float | None) -> None:
        self.impl.wait(cond, timeout)


CLOCK = Clock()


def reset(double, fake_clock: bool) -> FakeClock | None:
    """A fresh `double._World()` and an empty `double.LOG`; with `fake_clock` a FakeClock drives all
    timing (returned), otherwise real time."""
    double.WORLD = double._World()
    double.LOG.clear()
    clock = FakeClock() if fake_clock else None
    CLOCK.use(clock or RealClock())
    return clock


def matrix(translation, rotation: Rotation) -> np.ndarray:
    m = np.eye(4)
    m[:3, :3] = rotation.as_matrix()
    m[:3, 3] = np.asarray(translation, dtype=float)
    return m


class TimedMotion:
    """A straight-line, constant-rate motion between two 4×4 poses, timed on CLOCK."""

    def __init__(self, start: np.ndarray, target: np.ndarray, speed: float, rot_speed: float, extra_s: float = 0.0):
        self.start, self.target = start, target
        self.t0 = CLOCK.now()
        dist = float(np.linalg.norm(target[:3, 3] - start[:3, 3]))
        r0, r1 = Rotation.from_matrix(start[:3, :3]), Rotation.from_matrix(target[:3, :3])
        angle = float((r1 * r0.inv()).magnitude())
        self.duration = max(dist / speed, angle / rot_speed) + extra_s
        self._slerp = Slerp([0.0, 1.0], Rotation.concatenate([r0, r1]))

    def fraction(self, now: float) -> float:
        if self.duration <= 0:
            return 1.0
        return min(1.0, max(0.0, (now - self.t0) / self.duration))

    def pose(self, now: float) -> np.ndarray:
        f = self.fraction(now)
        t = self.start[:3, 3] + f * (self.target[:3, 3] - self.start[:3, 3])
        return matrix(t, self._slerp([f])[0])

    def done(self, now: float) -> bool:
        return now >= self.t0 + self.duration

    def remaining(self, now: float) -> float:
        return max(0.0, self.t0 + self.duration - now)


class TimedGripper:
    """Fingers moving at a constant commanded speed towards a target width, timed on CLOCK; a closing
    move stops early on an object of `object_width` between them (None: nothing there). Not locked:
    the double calls it under its own lock."""

    def __init__(self, max_width: float):
        self.max_width = max_width
        self.width = max_width  # where the fingers rest while no move runs
        self.object_width: float | None = None
        self.grasped = False  # whether the last move ended on the object
        self._target: float | None = None
        self._start = max_width
        self._t0 = 0.0
        self._speed = 0.05

    @property
    def moving(self) -> bool:
        """Whether a move was running when last looked at (`now`)."""
        return self._target is not None

    def _end(self) -> float:
        end = self._target
        if self.object_width is not None and end < self.object_width <= self._start:
            end = self.object_width
        return end

    def now(self) -> tuple[float, bool]:
        """(width, moving) at CLOCK's now; a move that has arrived ends there."""
        if self._target is None:
            return self.width, False
        end = self._end()
        travelled = (CLOCK.now() - self._t0) * self._speed
        if travelled >= abs(end - self._start):
            self.width, self.grasped, self._target = end, end != self._target, None
            return end, False
        return self._start + np.sign(end - self._start) * travelled, True

    def start(self, width: float, speed: float) -> None:
        """A move from where the fingers are now to `width` (clamped to [0, max_width])."""
        self._start, _ = self.now()
        self.width = self._start
        self._target = float(min(self.max_width, max(0.0, width)))
        self._t0, self._speed, self.grasped = CLOCK.now(), float(speed), False

    def stop(self) -> None:
        """Ends any move where the fingers are now."""
        self.width, _ = self.now()
        self._target = None

    def remaining_s(self) -> float:
        """Seconds until the running move arrives (a microsecond more, so a wait that long sees it
        arrived); 0 when none runs."""
        if self._target is None:
            return 0.0
        return max(0.0, abs(self._end() - self._start) / self._speed - (CLOCK.now() - self._t0)) + 1e-6
