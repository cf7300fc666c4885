"""The bridge's own stop for a controller that went silent (bridge.proto, "Watchdog").

Armed by a Heartbeat with a timeout, fed by every Heartbeat, MoveDelta and SetGripper; when
`check()` finds it armed and silent for longer than the timeout it stops the arm and disarms.
A background thread (`WatchdogThread`) calls `check()` periodically; silence is measured on an
injectable monotonic clock, so tests drive it with a fake clock and call `check()` themselves.
Same semantics as the simulated bridge's BridgeWatchdog.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

LOG = logging.getLogger(__name__)


class Watchdog:
    """Thread-safe; the arm is stopped outside the lock."""

    def __init__(self, now_ns: Callable[[], int], stop_arm: Callable[[], None]):
        self._now_ns = now_ns
        self._stop_arm = stop_arm
        self._lock = threading.Lock()
        self._timeout_ns = 0  # 0 = disarmed
        self._last_feed_ns = 0
        self._heartbeats = 0
        self._expirations = 0

    def heartbeat(self, timeout_ms: int) -> int:
        """Arms (or re-arms) with `timeout_ms` from now, or disarms when it is 0; returns it."""
        with self._lock:
            self._heartbeats += 1
            self._timeout_ns = timeout_ms * 1_000_000
            self._last_feed_ns = self._now_ns()
            return timeout_ms

    def command_arrived(self) -> None:
        """An arm command arrived: restarts the silence when armed."""
        with self._lock:
            if self._timeout_ns > 0:
                self._last_feed_ns = self._now_ns()

    def check(self) -> bool:
        """Stops the arm when armed and silent for longer than the timeout, then disarms."""
        with self._lock:
            silent_ns = self._now_ns() - self._last_feed_ns
            timeout_ns = self._timeout_ns
            if timeout_ns == 0 or silent_ns <= timeout_ns:
                return False
            self._timeout_ns = 0
            self._expirations += 1
        LOG.warning(
            "no heartbeat or command from the controller for %d ms (watchdog timeout %d ms): "
            "stopping the arm",
            silent_ns // 1_000_000,
            timeout_ns // 1_000_000,
        )
        try:
            self._stop_arm()
        except Exception as e:  # noqa: BLE001 - the watchdog thread must survive
            LOG.error("the watchdog could not stop the arm: %s", e)
        return True

    @property
    def armed(self) -> bool:
        with self._lock:
            return self._timeout_ns > 0

    @property
    def timeout_ms(self) -> int:
        with self._lock:
            return self._timeout_ns // 1_000_000

    @property
    def expirations(self) -> int:
        with self._lock:
            return self._expirations

    @property
    def heartbeats(self) -> int:
        with self._lock:
            return self._heartbeats


class WatchdogThread:
    """Calls `watchdog.check()` every `period_s` of real time until closed (a daemon thread)."""

    def __init__(self, watchdog: Watchdog, period_s: float):
        self._watchdog = watchdog
        self._period_s = period_s
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bridge-watchdog", daemon=True)

    def start(self) -> WatchdogThread:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closed.set()
        if self._thread.is_alive():
            self._thread.join(timeout=1.0)

    def _run(self) -> None:
        while not self._closed.wait(self._period_s):
            self._watchdog.check()
