"""Request-check texts (identical to the sim bridge's RequestChecks.java) and the watchdog."""

from __future__ import annotations

import math

import pytest
from conftest import FakeNanos

from franka_bridge import checks
from franka_bridge.protocol import pb
from franka_bridge.watchdog import Watchdog


@pytest.mark.parametrize(
    ("value", "java"),
    [(0.3, "0.3"), (2.0, "2.0"), (-1.0, "-1.0"), (0.0, "0.0"), (1e-4, "1.0E-4"), (2e9, "2.0E9"),
     (1.25e-5, "1.25E-5"), (12345678.0, "1.2345678E7"), (math.nan, "NaN"), (-math.inf, "-Infinity"),
     (math.pi / 4, "0.7853981633974483")],
)
def test_numbers_are_written_like_javas_double_to_string(value, java):
    assert checks.java_double(value) == java


def test_each_delta_field_is_named():
    d = pb.EndEffectorDelta(dpitch_rad=0.5)
    with pytest.raises(checks.InvalidArgument, match=r"^delta.dpitch_rad = 0.5 rad exceeds the per-call bound of ±0.3 rad$"):
        checks.delta(d, 0.05, 0.3)
    assert checks.delta(pb.EndEffectorDelta(dx_m=0.05, dgripper=-1.0), 0.05, 0.3)[0] == 0.05


def test_watchdog_stops_once_after_silence_and_disarms():
    clock, stops = FakeNanos(), []
    w = Watchdog(clock, lambda: stops.append(clock.now))
    assert not w.check()
    assert w.heartbeat(100) == 100 and w.armed
    clock.advance_ms(100)
    assert not w.check()  # exactly the timeout is not yet silence
    w.command_arrived()
    clock.advance_ms(100)
    assert not w.check()
    clock.advance_ms(1)
    assert w.check() and len(stops) == 1
    assert not w.armed and w.expirations == 1
    clock.advance_ms(1000)
    assert not w.check() and len(stops) == 1


def test_commands_do_not_arm_a_disarmed_watchdog():
    clock, stops = FakeNanos(), []
    w = Watchdog(clock, lambda: stops.append(1))
    w.heartbeat(100)
    w.heartbeat(0)
    clock.advance_ms(500)
    w.command_arrived()
    clock.advance_ms(500)
    assert not w.check() and stops == [] and w.heartbeats == 2


def test_a_failing_stop_does_not_kill_the_watchdog():
    clock = FakeNanos()

    def fail():
        raise RuntimeError("robot gone")

    w = Watchdog(clock, fail)
    w.heartbeat(10)
    clock.advance_ms(11)
    assert w.check() and w.expirations == 1
