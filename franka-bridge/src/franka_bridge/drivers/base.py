"""The small interface every driver implements, and the errors it raises.

A driver speaks one robot library and nothing else: it reads the pose of the library's *native*
frame and the gripper opening, starts asynchronous arm and gripper motions to absolute targets,
waits for them in short slices, stops them, and recovers from robot errors. Everything the
protocol adds — request checks, the pose update, frames, the workspace box, timeouts, the
one-motion gate, the fault latch — lives in `arm.ArmController`, once for all drivers.

Only the driver modules import a robot library, lazily inside `connect()`, so that the bridge
and its tests run where the library is not installed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from franka_bridge.pose import Pose


class RobotError(Exception):
    """The robot refused or aborted a command (e.g. a reflex), or cannot be reached.

    The message is the robot library's, prefixed with the exception type.
    """


class TargetUnreachable(RobotError):
    """The library found no way to reach a target (e.g. inverse kinematics failed); nothing
    moved and the robot is not in error, so this does not latch."""


@dataclass(frozen=True)
class Reading:
    """One reading: the native frame's pose in the base frame and the gripper opening."""

    pose: Pose
    gripper_width_m: float


class Driver(ABC):
    """One robot library behind the bridge. Methods may be called from several threads."""

    #: Name for GetInfo and logs.
    name: str = "driver"
    #: True when no hardware stands behind the driver.
    simulated: bool = False

    @abstractmethod
    def connect(self) -> None:
        """Connects to the robot and gripper. Never moves anything."""

    @abstractmethod
    def close(self) -> None:
        """Stops what still moves and releases the connection."""

    @abstractmethod
    def native_frame(self) -> Pose:
        """F_T_native: the native frame relative to the flange."""

    @abstractmethod
    def read(self) -> Reading:
        """The current pose (native frame) and gripper opening."""

    @abstractmethod
    def gripper_max_width(self) -> float:
        """The gripper opening at closedness 0, metres."""

    @abstractmethod
    def start_arm(self, target: Pose) -> None:
        """Starts moving the native frame to the absolute `target`; returns at once."""

    @abstractmethod
    def start_gripper(self, width_m: float, closing: bool) -> None:
        """Starts moving the fingers to `width_m`; `closing` grasps whatever is between them."""

    @abstractmethod
    def wait(self, timeout_s: float) -> bool:
        """Waits up to `timeout_s` for the started motions; True when all have ended."""

    @abstractmethod
    def stop(self) -> None:
        """Stops the arm and the gripper where they are and holds. Safe when nothing moves."""

    @abstractmethod
    def faults(self) -> str | None:
        """The robot's own error state (a reflex since the last recovery), or None."""

    @abstractmethod
    def recover(self) -> None:
        """Clears the robot's error state (e.g. libfranka's automatic error recovery)."""
