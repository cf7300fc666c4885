"""Request checks before anything moves: INVALID_ARGUMENT naming the field, its value and the
allowed range, with the same texts as the simulated bridge (sim-harness RequestChecks.java)."""

from __future__ import annotations

import math
from decimal import Decimal

MAX_TIMEOUT_MS = 60_000


class InvalidArgument(Exception):
    """A request field is out of range; the message names it."""


def java_double(value: float) -> str:
    """`value` as Java's Double.toString writes it, so both bridges word errors identically."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        text = repr(float(value))
        return text
    sign, digits, exponent = Decimal(repr(float(value))).as_tuple()
    digits_text = "".join(str(d) for d in digits).rstrip("0") or "0"
    exp10 = exponent + len(digits) - 1
    mantissa = digits_text[0] + "." + (digits_text[1:] or "0")
    return ("-" if sign else "") + mantissa + "E" + str(exp10)


def delta(d, max_translation_m: float, max_rotation_rad: float) -> tuple[float, ...]:
    """The seven components of a MoveDelta's delta, each finite and within its per-call bound."""
    t, r = max_translation_m, max_rotation_rad
    return (
        _bounded("delta.dx_m", d.dx_m, t, "m"),
        _bounded("delta.dy_m", d.dy_m, t, "m"),
        _bounded("delta.dz_m", d.dz_m, t, "m"),
        _bounded("delta.droll_rad", d.droll_rad, r, "rad"),
        _bounded("delta.dpitch_rad", d.dpitch_rad, r, "rad"),
        _bounded("delta.dyaw_rad", d.dyaw_rad, r, "rad"),
        _bounded("delta.dgripper", d.dgripper, 1.0, ""),
    )


def closedness(value: float) -> float:
    """A target gripper closedness in [0, 1]."""
    if not math.isfinite(value) or value < 0 or value > 1:
        raise InvalidArgument(f"gripper_closedness must be in [0, 1], got {java_double(value)}")
    return value


def timeout_ms(value: int) -> int:
    """A motion's timeout_ms in [1, 60000]."""
    if value < 1 or value > MAX_TIMEOUT_MS:
        raise InvalidArgument(f"timeout_ms must be in [1, {MAX_TIMEOUT_MS}], got {value}")
    return value


def watchdog_timeout_ms(value: int) -> int:
    """A Heartbeat's timeout_ms in [0, 60000] (0 disarms the watchdog)."""
    if value < 0 or value > MAX_TIMEOUT_MS:
        raise InvalidArgument(
            f"timeout_ms must be in [0, {MAX_TIMEOUT_MS}] (0 disarms the watchdog), got {value}"
        )
    return value


def _bounded(field: str, value: float, bound: float, unit: str) -> float:
    if not math.isfinite(value):
        raise InvalidArgument(f"{field} must be a finite number, got {java_double(value)}")
    if abs(value) > bound:
        u = f" {unit}" if unit else ""
        raise InvalidArgument(
            f"{field} = {java_double(value)}{u} exceeds the per-call bound of "
            f"±{java_double(bound)}{u}"
        )
    return value
