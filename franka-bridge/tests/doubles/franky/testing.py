"""Test hooks of the franky double (not part of franky): the call log, the clock, the world."""

from __future__ import annotations

import _sim
import franky
from _sim import CLOCK, FakeClock  # noqa: F401 (CLOCK: the doubles' clock, a test hook)

LOG = franky.LOG


def world():
    """The simulated robot and gripper (see franky._World)."""
    return franky.WORLD


def reset(fake_clock: bool = False) -> FakeClock | None:
    """Fresh world and empty log; with `fake_clock` a FakeClock drives all timing (returned)."""
    return _sim.reset(franky, fake_clock)


def fail_next_motion_after(seconds: float, error: str = "cartesian_reflex") -> None:
    """The next CartesianMotion aborts after `seconds` with a ControlException naming `error`,
    and the robot reports that error until recover_from_errors()."""
    franky.WORLD.fail_after_s = seconds
    franky.WORLD.fail_message = error
