"""Warmup-constant-decay learning rate (V-JEPA 2) and the EMA momentum ramp."""

from __future__ import annotations


def warmup_constant_decay(step: int, total: int, peak: float, warmup: int, decay: int,
                          start: float = 0.0, final: float = 0.0) -> float:
    """Linear warmup from `start` to `peak` over `warmup` steps, constant, then linear decay to
    `final` over the last `decay` steps."""
    if total <= 0:
        raise ValueError("total steps must be positive")
    if warmup < 0 or decay < 0 or warmup + decay > total:
        raise ValueError(f"warmup {warmup} + decay {decay} must fit in {total} steps")
    if step < warmup:
        return start + (peak - start) * (step + 1) / warmup
    decay_start = total - decay
    if step < decay_start:
        return peak
    frac = min(1.0, (step - decay_start + 1) / decay)
    return peak + (final - peak) * frac


def ema_momentum(step: int, total: int, start: float, end: float = 1.0) -> float:
    """Linear ramp of the target encoder's EMA momentum from `start` to `end`."""
    return start + (end - start) * min(1.0, step / max(1, total))
