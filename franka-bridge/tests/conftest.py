"""Shared fixtures: generated stubs, import paths, an in-process bridge over real gRPC."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

MODULE = Path(__file__).resolve().parents[1]
REPO = MODULE.parent
DOUBLES = MODULE / "tests" / "doubles"
LAUNCHER = MODULE / "bin" / "franka-bridge"

# The stubs are generated exactly as the launcher does it (never committed).
subprocess.run([str(LAUNCHER), "generate-stubs"], check=True)
for path in (MODULE / "src", DOUBLES):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import grpc  # noqa: E402

from franka_bridge import config as configs  # noqa: E402
from franka_bridge.arm import Clock  # noqa: E402
from franka_bridge.protocol import pb  # noqa: E402
from franka_bridge.server import BridgeServer  # noqa: E402
from latentmpc.bridge.v1 import bridge_pb2_grpc  # noqa: E402


def load_example(name: str, **sections) -> configs.Config:
    """An example config with some sections' keys replaced (and listen on any free port)."""
    import tomllib

    with open(MODULE / "config" / name, "rb") as f:
        data = tomllib.load(f)
    data.setdefault("server", {})["listen"] = "127.0.0.1:0"
    data.setdefault("admin", {})["socket"] = ""
    for section, values in sections.items():
        if "." in section:
            outer, inner = section.split(".")
            data.setdefault(outer, {}).setdefault(inner, {}).update(values)
        else:
            data.setdefault(section, {}).update(values)
    return configs.from_dict(data, name)


class FakeNanos:
    """A monotonic nanosecond clock that only moves when told."""

    def __init__(self, start: int = 1_000_000_000):
        self.now = start

    def __call__(self) -> int:
        return self.now

    def advance_ms(self, ms: float) -> None:
        self.now += int(ms * 1_000_000)


class DoubleClock(Clock):
    """The bridge's monotonic clock read from a test double's FakeClock (deterministic runs)."""

    def __init__(self, fake):
        self._fake = fake

    def monotonic_ns(self) -> int:
        return int(self._fake.now() * 1e9)


class ReplyRecorder(grpc.ServerInterceptor):
    """Appends 'reply <Method> <status>' to a call log after each handler ran and before gRPC
    sends the reply, so that tests can assert what happened before a client saw its status."""

    def __init__(self, log):
        self._log = log

    def intercept_service(self, continuation, details):
        handler = continuation(details)
        if handler is None or handler.unary_unary is None:
            return handler
        method = details.method.rsplit("/", 1)[-1]
        inner = handler.unary_unary

        def wrapped(request, context):
            try:
                out = inner(request, context)
            except BaseException:
                self._log.add(f"reply {method} {context.code()}")
                raise
            self._log.add(f"reply {method} OK")
            return out

        return grpc.unary_unary_rpc_method_handler(wrapped)


class Bridge:
    """A started BridgeServer and a client stub on loopback."""

    def __init__(self, server: BridgeServer):
        self.server = server
        self.address = server.start()
        self.channel = grpc.insecure_channel(self.address)
        self.stub = bridge_pb2_grpc.RobotBridgeStub(self.channel)

    def raw(self, method: str):
        """A callable sending raw bytes to `method`."""
        return self.channel.unary_unary(f"/latentmpc.bridge.v1.RobotBridge/{method}")

    def state(self):
        return self.stub.GetState(pb.GetStateRequest()).state

    def close(self) -> None:
        self.channel.close()
        self.server.stop(grace_s=1.0)


@pytest.fixture
def start_bridge():
    """start_bridge(config, **BridgeServer kwargs) → Bridge; all closed after the test."""
    started: list[Bridge] = []

    def start(config: configs.Config, interceptor_log=None, **kwargs) -> Bridge:
        if interceptor_log is not None:
            kwargs["interceptors"] = (ReplyRecorder(interceptor_log),)
        server = BridgeServer(config, **kwargs)
        bridge = Bridge(server)
        started.append(bridge)
        return bridge

    yield start
    for bridge in started:
        bridge.close()


def delta(**kw) -> pb.EndEffectorDelta:
    return pb.EndEffectorDelta(**kw)
