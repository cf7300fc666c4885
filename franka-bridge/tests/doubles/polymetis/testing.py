"""Test hooks of the polymetis double (not part of Polymetis): the call log, the clock, the world."""

from __future__ import annotations

import _sim
import polymetis
from _sim import CLOCK, FakeClock  # noqa: F401 (CLOCK: the doubles' clock, a test hook)

LOG = polymetis.LOG


def world():
    """The simulated arm and gripper (see polymetis._World)."""
    return polymetis.WORLD


def reset(fake_clock: bool = False) -> FakeClock | None:
    """Fresh world and empty log; with `fake_clock` a FakeClock drives all timing (returned)."""
    return _sim.reset(polymetis, fake_clock)
