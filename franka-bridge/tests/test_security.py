"""Optional bearer token and TLS on the bridge's gRPC port."""

from __future__ import annotations

import shutil
import subprocess

import grpc
import pytest
from conftest import load_example

from franka_bridge.protocol import pb
from latentmpc.bridge.v1 import bridge_pb2_grpc


def test_a_token_file_requires_the_bearer_token_on_every_call(start_bridge, tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text("# lab service\ns3cret-token\n")
    bridge = start_bridge(load_example("kinematic.example.toml", security={"token_file": str(tokens)}))
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.GetState(pb.GetStateRequest())
    assert e.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert e.value.details() == "a valid bearer token is required (metadata 'authorization: Bearer <token>')"
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.MoveDelta(pb.MoveDeltaRequest(delta=pb.EndEffectorDelta(dx_m=0.01), timeout_ms=1000),
                              metadata=[("authorization", "Bearer wrong")])
    assert e.value.code() == grpc.StatusCode.UNAUTHENTICATED
    ok = bridge.stub.GetState(pb.GetStateRequest(), metadata=[("authorization", "Bearer s3cret-token")])
    assert ok.state.x_m == pytest.approx(0.45)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a test certificate")
def test_tls_serves_only_tls_clients(start_bridge, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    bridge = start_bridge(load_example("kinematic.example.toml", security={"tls_cert": str(cert), "tls_key": str(key)}))
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.GetState(pb.GetStateRequest(), timeout=2)  # the fixture's plaintext channel
    assert e.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
    creds = grpc.ssl_channel_credentials(root_certificates=cert.read_bytes())
    with grpc.secure_channel(bridge.address, creds) as channel:
        state = bridge_pb2_grpc.RobotBridgeStub(channel).GetState(pb.GetStateRequest(), timeout=5).state
    assert state.x_m == pytest.approx(0.45)
