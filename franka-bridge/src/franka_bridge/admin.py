"""The bridge's local admin channel: a Unix socket that takes one command per connection.

Commands (one line each): `status` (the latched robot error, if any) and `recover` (runs the
driver's error recovery and, when the robot reports no error afterwards, allows motion again).
This is deliberately not a gRPC method: clearing a robot error is a step for the person at the
robot, not for the service over the network. The socket is created with mode 0600, so only the
bridge's own user (and root) can use it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from pathlib import Path
from typing import Callable

LOG = logging.getLogger(__name__)


class AdminSocket:
    """Serves `commands` (name → function returning the reply line) on a Unix socket."""

    def __init__(self, path: str, commands: dict[str, Callable[[], str]]):
        self._path = Path(path)
        self._commands = commands
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._closed = threading.Event()

    def start(self) -> None:
        if self._path.exists():
            if _answers(self._path):
                raise OSError(f"another bridge already serves the admin socket {self._path}")
            self._path.unlink()
        self._path.parent.mkdir(parents=True, exist_ok=True)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            sock.bind(str(self._path))
        finally:
            os.umask(old)
        sock.listen(4)
        sock.settimeout(0.2)
        self._sock = sock
        self._thread = threading.Thread(target=self._run, name="bridge-admin", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._closed.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        if self._sock is not None:
            self._sock.close()
            try:
                self._path.unlink()
            except FileNotFoundError:
                pass

    def _run(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _ = self._sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(5.0)
                try:
                    line = conn.makefile("r", encoding="utf-8").readline(200).strip()
                    command = self._commands.get(line)
                    if command is None:
                        reply = f"error: unknown command {line!r}; known: {', '.join(self._commands)}"
                    else:
                        try:
                            reply = command()
                        except Exception as e:  # noqa: BLE001 - reported to the operator
                            reply = f"error: {e}"
                    LOG.info("admin command %r: %s", line, reply)
                    conn.sendall((reply.replace("\n", " ") + "\n").encode("utf-8"))
                except OSError as e:
                    LOG.warning("admin connection failed: %s", e)


def send(path: str, command: str, timeout_s: float = 30.0) -> str:
    """Sends one command to a running bridge's admin socket and returns its reply line."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_s)
        sock.connect(path)
        sock.sendall((command + "\n").encode("utf-8"))
        return sock.makefile("r", encoding="utf-8").readline().strip()


def _answers(path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.5)
            sock.connect(str(path))
            return True
    except OSError:
        return False
