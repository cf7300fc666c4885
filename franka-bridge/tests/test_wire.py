"""wire.stray_end_tag: the tags at which protobuf's C++ parser would stop early."""

from __future__ import annotations

import pytest

from franka_bridge import wire
from franka_bridge.protocol import pb

MOVE = pb.MoveDeltaRequest(delta=pb.EndEffectorDelta(dx_m=0.01, dz_m=-0.01), timeout_ms=1000)


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"\x14", "end-group tag of field 2 closes no group"),
        (b"\x00\x0c", "field number 0 (tag 0) is not allowed"),
        (MOVE.SerializeToString() + b"\x54", "end-group tag of field 10 closes no group"),
        (b"\x0b\x14", "end-group tag of field 2 closes no group"),
    ],
)
def test_stray_end_tags_are_named(raw, reason):
    assert wire.stray_end_tag(raw) == reason


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        MOVE.SerializeToString(),
        b"\x28\x01",  # an unknown varint field: valid
        b"\x0b\x08\x01\x0c",  # a closed unknown group: valid
        b"\x0a\x05\x01",  # truncated: protobuf refuses it
        b"\xff",  # a malformed varint: protobuf refuses it
    ],
)
def test_everything_else_is_left_to_protobuf(raw):
    assert wire.stray_end_tag(raw) is None
