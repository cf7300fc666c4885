"""Test hooks of the polymetis double (not part of Polymetis): the call log, the clock, the world."""

from __future__ import annotations

import polymetis
from _sim import CLOCK, FakeClock, RealClock

LOG = polymetis.LOG


def world():
    """The simulated arm and gripper (see polymetis._World)."""
    return polymetis.WORLD


def reset(fake_clock: bool = False) -> FakeClock | None:
    """Fresh world and empty log; with `fake_clock` a FakeClock drives all timing (returned)."""
    polymetis.WORLD = polymetis._World()
    LOG.clear()
    clock = FakeClock() if fake_clock else None
    CLOCK.use(clock or RealClock())
    return clock
