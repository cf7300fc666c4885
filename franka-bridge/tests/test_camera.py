"""GetFrame from an OpenCV camera (a video file stands in for the device), newest frame only."""

from __future__ import annotations

import time

import grpc
import numpy as np
import pytest
from conftest import load_example

from franka_bridge.protocol import pb

cv2 = pytest.importorskip("cv2", reason="the OpenCV camera needs python3-opencv")


@pytest.fixture
def video(tmp_path):
    """60 frames of 64×48, frame i filled with red = 4·i (BGR on disk), lossless FFV1."""
    path = tmp_path / "camera.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"FFV1"), 30, (64, 48))
    assert writer.isOpened()
    for i in range(60):
        frame = np.zeros((48, 64, 3), np.uint8)
        frame[:, :, 2] = 4 * i
        frame[0, 0] = (1, 2, 3)
        writer.write(frame)
    writer.release()
    return path


def test_frames_are_served_raw_and_as_png_with_increasing_sequence(start_bridge, video):
    bridge = start_bridge(load_example("kinematic.example.toml", camera={"source": "opencv", "device": str(video), "fps": 30}))
    info = bridge.stub.GetInfo(pb.GetInfoRequest())
    assert (info.camera_width_px, info.camera_height_px) == (64, 48)
    first = bridge.stub.GetFrame(pb.GetFrameRequest()).frame
    assert (first.width_px, first.height_px, first.encoding) == (64, 48, pb.FRAME_ENCODING_RGB8)
    rgb = np.frombuffer(first.data, np.uint8).reshape(48, 64, 3)
    assert tuple(rgb[0, 0]) == (3, 2, 1)  # BGR on disk, RGB on the wire
    assert rgb[10, 10, 0] == 4 * first.sequence and rgb[10, 10, 2] == 0
    assert first.age_nanos >= 0 and abs(first.capture_time_unix_nanos - time.time_ns()) < 5e9
    time.sleep(0.2)
    png = bridge.stub.GetFrame(pb.GetFrameRequest(encoding=pb.FRAME_ENCODING_PNG)).frame
    assert png.encoding == pb.FRAME_ENCODING_PNG and png.sequence > first.sequence
    decoded = cv2.imdecode(np.frombuffer(png.data, np.uint8), cv2.IMREAD_COLOR)
    assert decoded.shape == (48, 64, 3) and decoded[10, 10, 2] == 4 * png.sequence


def test_a_camera_that_cannot_be_opened_stops_the_start(start_bridge, tmp_path):
    from franka_bridge.camera import CameraUnavailable

    with pytest.raises(CameraUnavailable, match="cannot open camera"):
        start_bridge(load_example("kinematic.example.toml", camera={"source": "opencv", "device": str(tmp_path / "none.avi")}))


def test_a_stalled_camera_is_reported_unavailable(start_bridge, video, monkeypatch):
    import franka_bridge.camera as camera

    monkeypatch.setattr(camera, "STALE_S", 0.3)
    bridge = start_bridge(load_example("kinematic.example.toml", camera={"source": "opencv", "device": str(video), "fps": 120}))
    time.sleep(1.0)  # 60 frames at 120 fps: the file ends after 0.5 s
    with pytest.raises(grpc.RpcError) as e:
        bridge.stub.GetFrame(pb.GetFrameRequest())
    assert e.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "delivered no frame for" in e.value.details() and "end of stream" in e.value.details()
