"""Drivers: `kinematic` (no hardware), `franky` (libfranka), `polymetis` (DROID rigs)."""

from __future__ import annotations

from franka_bridge.config import Config
from franka_bridge.drivers.base import Driver, Reading, RobotError


def create(config: Config) -> Driver:
    """The driver named by `robot.driver`, not yet connected."""
    name = config.robot.driver
    if name == "kinematic":
        from franka_bridge.drivers.kinematic import KinematicDriver

        return KinematicDriver(config.kinematic, config.state)
    if name == "franky":
        from franka_bridge.drivers.franky_driver import FrankyDriver

        return FrankyDriver(config.franky)
    if name == "polymetis":
        from franka_bridge.drivers.polymetis_driver import PolymetisDriver

        return PolymetisDriver(config.polymetis)
    raise ValueError(f"unknown driver {name!r}")


__all__ = ["Driver", "Reading", "RobotError", "create"]
