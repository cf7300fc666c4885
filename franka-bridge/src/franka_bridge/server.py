"""The bridge server's lifecycle: driver connected (no motion), gRPC bound and serving, watchdog
thread, admin socket, optional TLS and bearer token; shut down with the arm stopped first."""

from __future__ import annotations

import hmac
import logging
import os
from concurrent import futures
from pathlib import Path
from typing import Callable

import grpc

from franka_bridge import admin, camera as cameras, drivers
from franka_bridge.arm import ArmController, Clock
from franka_bridge.config import Config
from franka_bridge.drivers.base import Driver
from franka_bridge.service import RobotBridgeService
from franka_bridge.watchdog import Watchdog, WatchdogThread

LOG = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 32 * 1024 * 1024


class BridgeServer:
    """Builds everything from a Config; `start()` serves, `stop()` stops the arm and shuts down.

    Seams for tests: `driver` (e.g. one over a test double), `clock` (the bridge's clocks) and
    `watchdog_now_ns` (the monotonic clock the watchdog measures silence on), `interceptors`
    (extra gRPC server interceptors, after the token check).
    """

    def __init__(
        self,
        config: Config,
        driver: Driver | None = None,
        clock: Clock | None = None,
        watchdog_now_ns: Callable[[], int] | None = None,
        interceptors: tuple = (),
    ):
        self.config = config
        self._extra_interceptors = list(interceptors)
        self.driver = driver or drivers.create(config)
        self.clock = clock or Clock()
        self.arm = ArmController(self.driver, config, self.clock)
        self.watchdog = Watchdog(watchdog_now_ns or self.clock.monotonic_ns, self.arm.stop_quietly)
        self.camera = cameras.create(config.camera)
        self.service = RobotBridgeService(
            config, self.arm, self.camera, self.watchdog, self.driver.simulated, self.clock
        )
        self._server: grpc.Server | None = None
        self._watchdog_thread: WatchdogThread | None = None
        self._admin: admin.AdminSocket | None = None
        self.address = ""

    def start(self) -> str:
        """Connects, binds and serves; returns the bound 'HOST:PORT'."""
        self.arm.start()
        try:
            self.camera.start()
            host, port = self.config.listen_host_port()
            interceptors = []
            if self.config.security.token_file:
                interceptors.append(TokenInterceptor(_read_tokens(self.config.security.token_file)))
            interceptors += self._extra_interceptors
            server = grpc.server(
                futures.ThreadPoolExecutor(
                    max_workers=self.config.server.workers, thread_name_prefix="bridge-rpc"
                ),
                interceptors=interceptors,
                options=[
                    ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
                    ("grpc.max_receive_message_length", 1024 * 1024),
                    ("grpc.so_reuseport", 0),
                ],
            )
            server.add_generic_rpc_handlers((self.service.handler(),))
            bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
            try:
                if self.config.security.tls_cert:
                    sec = self.config.security
                    creds = grpc.ssl_server_credentials(
                        [(Path(sec.tls_key).read_bytes(), Path(sec.tls_cert).read_bytes())]
                    )
                    bound = server.add_secure_port(bind, creds)
                else:
                    bound = server.add_insecure_port(bind)
            except RuntimeError:  # grpcio 1.51 raises where older versions returned 0
                bound = 0
            if bound == 0:
                raise OSError(f"cannot listen on {bind} (address in use or not local?)")
            server.start()
            self._server = server
            self.address = f"[{host}]:{bound}" if ":" in host else f"{host}:{bound}"
            period = self.config.server.watchdog_check_ms / 1000.0
            self._watchdog_thread = WatchdogThread(self.watchdog, period).start()
            if self.config.admin.socket:
                self._admin = admin.AdminSocket(
                    self.config.admin.socket, {"status": self.status, "recover": self.recover}
                )
                self._admin.start()
        except BaseException:
            self.stop(grace_s=0)
            raise
        LOG.info(
            "franka-bridge serving on %s (%s driver, %s, reported frame %s)",
            self.address,
            self.config.robot.driver,
            "TLS" if self.config.security.tls_cert else "plaintext",
            self.config.state.frame_name,
        )
        return self.address

    def status(self) -> str:
        """One line for the admin socket."""
        fault = self.arm.fault
        return "ok: no robot error latched" if fault is None else f"fault: {fault}"

    def recover(self) -> str:
        """Runs the driver's recovery and clears the latch (admin socket)."""
        return "ok: " + self.arm.recover()

    def stop(self, grace_s: float = 5.0) -> None:
        """Stops the arm, refuses new calls, gives running calls `grace_s`, closes everything."""
        if self._server is not None:
            self._server.stop(grace_s)  # refuses new calls at once
        self.arm.stop_quietly()
        if self._server is not None:
            self._server.wait_for_termination(grace_s + 1.0)
            self._server = None
        if self._watchdog_thread is not None:
            self._watchdog_thread.close()
            self._watchdog_thread = None
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        self.camera.close()
        self.arm.close()
        LOG.info("franka-bridge stopped")


class TokenInterceptor(grpc.ServerInterceptor):
    """Requires `authorization: Bearer <token>` on every call (the operator API's scheme)."""

    def __init__(self, tokens: list[bytes]):
        self._tokens = tokens

        def deny(request, context):
            context.abort(
                grpc.StatusCode.UNAUTHENTICATED,
                "a valid bearer token is required (metadata 'authorization: Bearer <token>')",
            )

        self._deny = grpc.unary_unary_rpc_method_handler(deny)

    def intercept_service(self, continuation, handler_call_details):
        for key, value in handler_call_details.invocation_metadata or ():
            if key == "authorization" and isinstance(value, str) and value.startswith("Bearer "):
                offered = value[len("Bearer "):].strip().encode("utf-8")
                if any(hmac.compare_digest(offered, t) for t in self._tokens):
                    return continuation(handler_call_details)
        return self._deny


def _read_tokens(path: str) -> list[bytes]:
    tokens = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            tokens.append(line.split()[0].encode("utf-8"))
    if not tokens:
        raise ValueError(f"security.token_file {path} holds no token (one per line, # comments)")
    return tokens


def write_ready_file(path: str, address: str) -> None:
    """Writes 'HOST:PORT' to `path` atomically (temporary file, then rename)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(address + "\n", encoding="utf-8")
    os.replace(tmp, target)
