"""GetFrame's camera: none, or one OpenCV camera on the control PC (newest frame only).

OpenCV (Debian's python3-opencv) is imported only when `[camera] source = "opencv"`; a bridge
without a camera answers GetFrame with UNAVAILABLE and says how to give the service a camera.
A reader thread grabs frames continuously and keeps only the newest, so GetFrame never returns
a queued old frame; a camera that stops delivering for `STALE_S` is reported unavailable.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from franka_bridge.config import CameraSettings

LOG = logging.getLogger(__name__)

NO_CAMERA = (
    "no camera is attached to this robot bridge ([camera] source = \"none\"): give the service its "
    "own camera with `camera.source: opencv` in its configuration, or set [camera] source = "
    "\"opencv\" in the bridge's configuration"
)
STALE_S = 2.0


class CameraUnavailable(Exception):
    """No frame can be served (UNAVAILABLE); the message says why."""


@dataclass(frozen=True)
class Frame:
    """One RGB frame: rows of width·3 bytes, top row first."""

    width: int
    height: int
    rgb: bytes
    sequence: int
    capture_mono_ns: int
    capture_wall_ns: int
    bgr: object  # the OpenCV image, for PNG encoding


class NoCamera:
    """The bridge has no camera."""

    width = 0
    height = 0

    def start(self) -> None:
        """Nothing to start."""

    def latest(self) -> Frame:
        raise CameraUnavailable(NO_CAMERA)

    def encode_png(self, frame: Frame) -> bytes:
        raise CameraUnavailable(NO_CAMERA)

    def close(self) -> None:
        """Nothing to close."""


class OpenCvCamera:
    """A cv2.VideoCapture device (an index such as "0", a /dev/video path or a stream URL)."""

    def __init__(self, settings: CameraSettings):
        self._s = settings
        self.width = settings.width
        self.height = settings.height
        self._cv2 = None
        self._capture = None
        self._lock = threading.Lock()
        self._frame: Frame | None = None
        self._error = "the camera has not delivered a frame yet"
        self._sequence = 0
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        try:
            import cv2  # noqa: PLC0415 - only a configured camera needs OpenCV
        except ImportError as e:
            raise CameraUnavailable(
                f"[camera] source = \"opencv\" needs OpenCV for Python 3: apt-get install python3-opencv ({e})"
            ) from e
        self._cv2 = cv2
        device = int(self._s.device) if self._s.device.isdigit() else self._s.device
        capture = cv2.VideoCapture(device)
        if not capture.isOpened():
            raise CameraUnavailable(f"cannot open camera {self._s.device!r} with OpenCV")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self._s.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self._s.height)
        capture.set(cv2.CAP_PROP_FPS, self._s.fps)
        self._capture = capture
        ok, bgr = capture.read()
        if not ok or bgr is None:
            capture.release()
            raise CameraUnavailable(f"camera {self._s.device!r} opened but delivered no frame")
        self._store(bgr)
        self.height, self.width = bgr.shape[:2]  # what the camera gives, not what was asked
        self._thread = threading.Thread(target=self._run, name="bridge-camera", daemon=True)
        self._thread.start()

    def latest(self) -> Frame:
        with self._lock:
            frame, error = self._frame, self._error
        if frame is None:
            raise CameraUnavailable(f"camera {self._s.device!r}: {error}")
        age_s = (time.monotonic_ns() - frame.capture_mono_ns) / 1e9
        if age_s > STALE_S:
            raise CameraUnavailable(
                f"camera {self._s.device!r} delivered no frame for {age_s:.1f} s: {error}"
            )
        return frame

    def encode_png(self, frame: Frame) -> bytes:
        ok, data = self._cv2.imencode(".png", frame.bgr)
        if not ok:
            raise CameraUnavailable("OpenCV could not encode the frame as PNG")
        return data.tobytes()

    def close(self) -> None:
        self._closed.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        if self._capture is not None:
            self._capture.release()

    def _run(self) -> None:
        # Paced at the configured rate: a camera blocks in read() anyway, a video file would not.
        period = 1.0 / self._s.fps
        next_read = time.monotonic()
        while not self._closed.wait(max(0.0, next_read - time.monotonic())):
            next_read = max(next_read + period, time.monotonic() - period)
            ok, bgr = self._capture.read()
            if not ok or bgr is None:
                with self._lock:
                    self._error = "OpenCV could not read a frame (unplugged or end of stream)"
                continue
            self._store(bgr)

    def _store(self, bgr) -> None:
        mono, wall = time.monotonic_ns(), time.time_ns()
        rgb = self._cv2.cvtColor(bgr, self._cv2.COLOR_BGR2RGB)
        height, width = rgb.shape[:2]
        with self._lock:
            self._frame = Frame(width, height, rgb.tobytes(), self._sequence, mono, wall, bgr)
            self._sequence += 1
            self._error = "no new frame"


def create(settings: CameraSettings):
    """The configured camera, not yet started."""
    return OpenCvCamera(settings) if settings.source == "opencv" else NoCamera()
