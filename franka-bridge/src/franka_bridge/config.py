"""The bridge's TOML configuration: every key checked, every problem listed, nothing started.

`load(path, overrides)` reads the file with Python's tomllib (the `tomli` package it came from on
Python < 3.11, e.g. in Polymetis' Python 3.8 environment), applies the command-line overrides
(`--listen`, `--driver`) and returns a `Config`, or raises `ConfigError` listing each problem as
"key = value: what is accepted". Unknown keys are problems too (a misspelt safety key must not be
ignored silently). `describe(config)` prints the effective configuration, defaults included.
"""

from __future__ import annotations

import math

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DRIVERS = ("kinematic", "franky", "polymetis")
CAMERA_SOURCES = ("none", "opencv")
REALTIME = ("enforce", "ignore")
HAND_TCP_OFFSET_M = 0.1034
HAND_TCP_ROTATION_RAD = -math.pi / 4


class ConfigError(Exception):
    """The configuration has problems; `problems` lists each one."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s) in the configuration:\n{lines}")


@dataclass(frozen=True)
class ServerSettings:
    listen: str = "127.0.0.1:50061"
    workers: int = 16
    watchdog_check_ms: int = 10


@dataclass(frozen=True)
class RobotSettings:
    name: str = "franka-panda"
    driver: str = "kinematic"
    description: str = ""


@dataclass(frozen=True)
class StateSettings:
    """The reported convention (GetInfo.state_convention), relative to the flange."""

    frame_name: str = "franka_hand_tcp"
    offset_from_flange_m: float = HAND_TCP_OFFSET_M
    rotation_about_flange_z_rad: float = HAND_TCP_ROTATION_RAD


@dataclass(frozen=True)
class SafetySettings:
    workspace_min_m: tuple[float, float, float] = (0.30, -0.30, 0.05)
    workspace_max_m: tuple[float, float, float] = (0.70, 0.30, 0.60)
    outside_tolerance_m: float = 0.01
    max_translation_delta_m: float = 0.05
    max_rotation_delta_rad: float = 0.3
    table_guard: bool = True
    table_z_m: float = 0.0
    table_margin_m: float = 0.01
    fingertip_offset_from_flange_m: float = HAND_TCP_OFFSET_M
    gripper_deadband: float = 0.0


@dataclass(frozen=True)
class KinematicSettings:
    start_pose: tuple[float, ...] = (0.45, 0.0, 0.30, math.pi, 0.0, 0.0)
    start_closedness: float = 0.0
    max_speed_mps: float = 0.25
    max_rotation_speed_radps: float = 1.0
    gripper_speed_mps: float = 0.1
    gripper_max_opening_m: float = 0.08


@dataclass(frozen=True)
class FrankySettings:
    host: str = "172.16.0.2"
    relative_dynamics_factor: float = 0.1
    realtime: str = "enforce"
    gripper: bool = True
    gripper_speed_mps: float = 0.05
    gripper_force_n: float = 20.0
    stop_timeout_s: float = 1.0
    native_offset_from_flange_m: float = HAND_TCP_OFFSET_M
    native_rotation_about_flange_z_rad: float = HAND_TCP_ROTATION_RAD
    native_frame_tolerance: float = 0.002


@dataclass(frozen=True)
class PolymetisSettings:
    host: str = "localhost"
    port: int = 50051
    gripper: bool = True
    gripper_host: str = "localhost"
    gripper_port: int = 50052
    native_frame_name: str = "panda_link8"
    native_offset_from_flange_m: float = 0.0
    native_rotation_about_flange_z_rad: float = 0.0
    max_speed_mps: float = 0.1
    max_rotation_speed_radps: float = 0.5
    min_time_to_go_s: float = 0.5
    gripper_speed_mps: float = 0.05
    gripper_force_n: float = 20.0
    gripper_settle_s: float = 0.1


@dataclass(frozen=True)
class CameraSettings:
    source: str = "none"
    device: str = "0"
    width: int = 640
    height: int = 480
    fps: int = 30


@dataclass(frozen=True)
class SecuritySettings:
    tls_cert: str = ""
    tls_key: str = ""
    token_file: str = ""


@dataclass(frozen=True)
class AdminSettings:
    socket: str = ""


@dataclass(frozen=True)
class Config:
    """The whole configuration (defaults where the file is silent)."""

    source: str = "<defaults>"
    server: ServerSettings = field(default_factory=ServerSettings)
    robot: RobotSettings = field(default_factory=RobotSettings)
    state: StateSettings = field(default_factory=StateSettings)
    safety: SafetySettings = field(default_factory=SafetySettings)
    kinematic: KinematicSettings = field(default_factory=KinematicSettings)
    franky: FrankySettings = field(default_factory=FrankySettings)
    polymetis: PolymetisSettings = field(default_factory=PolymetisSettings)
    camera: CameraSettings = field(default_factory=CameraSettings)
    security: SecuritySettings = field(default_factory=SecuritySettings)
    admin: AdminSettings = field(default_factory=AdminSettings)

    def listen_host_port(self) -> tuple[str, int]:
        """The listen address split into host and port (validated by `load`)."""
        return split_host_port(self.server.listen)


# Sections of the file: TOML table → (Config attribute, settings class).
SECTIONS: dict[str, tuple[str, type]] = {
    "server": ("server", ServerSettings),
    "robot": ("robot", RobotSettings),
    "state": ("state", StateSettings),
    "safety": ("safety", SafetySettings),
    "driver.kinematic": ("kinematic", KinematicSettings),
    "driver.franky": ("franky", FrankySettings),
    "driver.polymetis": ("polymetis", PolymetisSettings),
    "camera": ("camera", CameraSettings),
    "security": ("security", SecuritySettings),
    "admin": ("admin", AdminSettings),
}


def split_host_port(text: str) -> tuple[str, int]:
    """'HOST:PORT' (or '[v6]:PORT') into its parts; raises ValueError with the reason."""
    host, sep, port = text.rpartition(":")
    if not sep or not host:
        raise ValueError("expected HOST:PORT")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError("port must be an integer in [0, 65535] (0 = any free port)")
    return host, int(port)


def load(path: str | Path, listen: str | None = None, driver: str | None = None) -> Config:
    """Reads and checks the file; command-line overrides win. Raises ConfigError or OSError."""
    source = str(path)
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(source, [f"not valid TOML: {e}"]) from None
    if listen is not None:
        data.setdefault("server", {})["listen"] = listen
    if driver is not None:
        data.setdefault("robot", {})["driver"] = driver
    return from_dict(data, source)


def from_dict(data: dict[str, Any], source: str = "<dict>") -> Config:
    """Builds and checks a Config from parsed TOML."""
    problems: list[str] = []
    tables = _flatten_tables(data, problems)
    values: dict[str, Any] = {}
    for name, (attr, cls) in SECTIONS.items():
        table = tables.pop(name, {})
        values[attr] = _section(name, cls, table, problems)
    for name in tables:
        problems.append(f"[{name}]: unknown section; known: {', '.join(SECTIONS)}")
    if problems:
        raise ConfigError(source, problems)
    config = Config(source=source, **values)
    _check(config, problems)
    if problems:
        raise ConfigError(source, problems)
    return config


def _flatten_tables(data: dict[str, Any], problems: list[str]) -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key == "driver" and isinstance(value, dict):
            for sub, table in value.items():
                if isinstance(table, dict):
                    tables[f"driver.{sub}"] = table
                else:
                    problems.append(f"driver.{sub} = {table!r}: expected a table [driver.{sub}]")
        elif isinstance(value, dict):
            tables[key] = value
        else:
            problems.append(f"{key} = {value!r}: top-level keys must be inside a [section]")
    return tables


def _section(name: str, cls: type, table: dict[str, Any], problems: list[str]) -> Any:
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        f = known.get(key)
        if f is None:
            problems.append(f"{name}.{key}: unknown key; known: {', '.join(known)}")
            continue
        default = getattr(cls(), key)
        converted = _convert(f"{name}.{key}", value, default, problems)
        if converted is not None:
            kwargs[key] = converted
    return cls(**kwargs)


def _convert(key: str, value: Any, default: Any, problems: list[str]) -> Any:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        problems.append(f"{key} = {value!r}: expected true or false")
    elif isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        problems.append(f"{key} = {value!r}: expected an integer")
    elif isinstance(default, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        problems.append(f"{key} = {value!r}: expected a finite number")
    elif isinstance(default, str):
        if isinstance(value, str):
            return value
        problems.append(f"{key} = {value!r}: expected a string")
    elif isinstance(default, tuple):
        ok = isinstance(value, list) and len(value) == len(default)
        ok = ok and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
            for v in value
        )
        if ok:
            return tuple(float(v) for v in value)
        problems.append(f"{key} = {value!r}: expected {len(default)} finite numbers")
    return None


def _check(c: Config, problems: list[str]) -> None:
    def need(ok: bool, key: str, value: Any, accepted: str) -> None:
        if not ok:
            problems.append(f"{key} = {value!r}: {accepted}")

    try:
        split_host_port(c.server.listen)
    except ValueError as e:
        problems.append(f"server.listen = {c.server.listen!r}: {e}")
    need(1 <= c.server.workers <= 256, "server.workers", c.server.workers, "must be in [1, 256]")
    need(
        1 <= c.server.watchdog_check_ms <= 1000,
        "server.watchdog_check_ms",
        c.server.watchdog_check_ms,
        "must be in [1, 1000]",
    )
    need(c.robot.driver in DRIVERS, "robot.driver", c.robot.driver, f"one of {', '.join(DRIVERS)}")
    need(bool(c.robot.name.strip()), "robot.name", c.robot.name, "must not be empty")
    need(bool(c.state.frame_name.strip()), "state.frame_name", c.state.frame_name, "must not be empty")
    _range(need, "state.offset_from_flange_m", c.state.offset_from_flange_m, -0.5, 0.5)
    _range(need, "state.rotation_about_flange_z_rad", c.state.rotation_about_flange_z_rad, -math.pi, math.pi)

    s = c.safety
    for i, axis in enumerate("xyz"):
        lo, hi = s.workspace_min_m[i], s.workspace_max_m[i]
        need(lo < hi, f"safety.workspace_min_m[{i}] ({axis})", lo, f"must be below workspace_max_m[{i}] = {hi}")
        _range(need, f"safety.workspace_min_m[{i}] ({axis})", lo, -1.5, 1.5)
        _range(need, f"safety.workspace_max_m[{i}] ({axis})", hi, -1.5, 1.5)
    _range(need, "safety.outside_tolerance_m", s.outside_tolerance_m, 0.0, 0.1)
    _range(need, "safety.max_translation_delta_m", s.max_translation_delta_m, 1e-4, 0.25, open_low=False)
    _range(need, "safety.max_rotation_delta_rad", s.max_rotation_delta_rad, 1e-4, math.pi / 4)
    _range(need, "safety.table_z_m", s.table_z_m, -1.0, 1.0)
    _range(need, "safety.table_margin_m", s.table_margin_m, 0.0, 0.2)
    _range(need, "safety.fingertip_offset_from_flange_m", s.fingertip_offset_from_flange_m, 0.0, 0.5)
    _range(need, "safety.gripper_deadband", s.gripper_deadband, 0.0, 0.5)

    k = c.kinematic
    need(len(k.start_pose) == 6, "driver.kinematic.start_pose", k.start_pose, "6 numbers: x, y, z, roll, pitch, yaw")
    _range(need, "driver.kinematic.start_closedness", k.start_closedness, 0.0, 1.0)
    _range(need, "driver.kinematic.max_speed_mps", k.max_speed_mps, 1e-3, 2.0)
    _range(need, "driver.kinematic.max_rotation_speed_radps", k.max_rotation_speed_radps, 1e-3, 10.0)
    _range(need, "driver.kinematic.gripper_speed_mps", k.gripper_speed_mps, 1e-3, 1.0)
    _range(need, "driver.kinematic.gripper_max_opening_m", k.gripper_max_opening_m, 1e-3, 0.3)
    if c.robot.driver == "kinematic" and len(k.start_pose) == 6:
        for i, axis in enumerate("xyz"):
            v = k.start_pose[i]
            need(
                s.workspace_min_m[i] <= v <= s.workspace_max_m[i],
                f"driver.kinematic.start_pose[{i}] ({axis})",
                v,
                f"must lie in the workspace box [{s.workspace_min_m[i]}, {s.workspace_max_m[i]}]",
            )

    f = c.franky
    need(bool(f.host.strip()), "driver.franky.host", f.host, "the robot's FCI address, e.g. 172.16.0.2")
    _range(need, "driver.franky.relative_dynamics_factor", f.relative_dynamics_factor, 0.01, 1.0)
    need(f.realtime in REALTIME, "driver.franky.realtime", f.realtime, f"one of {', '.join(REALTIME)}")
    _range(need, "driver.franky.gripper_speed_mps", f.gripper_speed_mps, 0.001, 0.2)
    _range(need, "driver.franky.gripper_force_n", f.gripper_force_n, 1.0, 70.0)
    _range(need, "driver.franky.stop_timeout_s", f.stop_timeout_s, 0.05, 10.0)
    _range(need, "driver.franky.native_offset_from_flange_m", f.native_offset_from_flange_m, -0.5, 0.5)
    _range(need, "driver.franky.native_rotation_about_flange_z_rad", f.native_rotation_about_flange_z_rad, -math.pi, math.pi)
    _range(need, "driver.franky.native_frame_tolerance", f.native_frame_tolerance, 1e-6, 0.1)

    p = c.polymetis
    need(bool(p.host.strip()), "driver.polymetis.host", p.host, "the Polymetis server's address")
    need(1 <= p.port <= 65535, "driver.polymetis.port", p.port, "must be in [1, 65535]")
    need(1 <= p.gripper_port <= 65535, "driver.polymetis.gripper_port", p.gripper_port, "must be in [1, 65535]")
    need(bool(p.native_frame_name.strip()), "driver.polymetis.native_frame_name", p.native_frame_name, "must not be empty")
    _range(need, "driver.polymetis.native_offset_from_flange_m", p.native_offset_from_flange_m, -0.5, 0.5)
    _range(need, "driver.polymetis.native_rotation_about_flange_z_rad", p.native_rotation_about_flange_z_rad, -math.pi, math.pi)
    _range(need, "driver.polymetis.max_speed_mps", p.max_speed_mps, 1e-3, 1.0)
    _range(need, "driver.polymetis.max_rotation_speed_radps", p.max_rotation_speed_radps, 1e-3, 3.0)
    _range(need, "driver.polymetis.min_time_to_go_s", p.min_time_to_go_s, 0.05, 10.0)
    _range(need, "driver.polymetis.gripper_speed_mps", p.gripper_speed_mps, 0.001, 0.2)
    _range(need, "driver.polymetis.gripper_force_n", p.gripper_force_n, 0.0, 200.0)
    _range(need, "driver.polymetis.gripper_settle_s", p.gripper_settle_s, 0.0, 5.0)

    cam = c.camera
    need(cam.source in CAMERA_SOURCES, "camera.source", cam.source, f"one of {', '.join(CAMERA_SOURCES)}")
    need(bool(cam.device.strip()), "camera.device", cam.device, "a device index (0) or a path/URL")
    need(1 <= cam.width <= 7680, "camera.width", cam.width, "must be in [1, 7680] pixels")
    need(1 <= cam.height <= 4320, "camera.height", cam.height, "must be in [1, 4320] pixels")
    need(1 <= cam.fps <= 240, "camera.fps", cam.fps, "must be in [1, 240]")

    sec = c.security
    need(
        bool(sec.tls_cert) == bool(sec.tls_key),
        "security.tls_cert/tls_key",
        (sec.tls_cert, sec.tls_key),
        "give both (TLS on) or neither (plaintext)",
    )
    for key in ("tls_cert", "tls_key", "token_file"):
        value = getattr(sec, key)
        need(not value or Path(value).is_file(), f"security.{key}", value, "must name a readable file")


def _range(need, key: str, value: float, lo: float, hi: float, open_low: bool = False) -> None:
    ok = (lo < value if open_low else lo <= value) and value <= hi
    need(ok, key, value, f"must be in [{lo}, {hi}]")


def describe(c: Config) -> str:
    """The effective configuration as TOML, defaults included (for `check`)."""
    lines = [f"# effective configuration of {c.source}"]
    for name, (attr, _cls) in SECTIONS.items():
        section = getattr(c, attr)
        lines.append(f"\n[{name}]")
        for f in fields(section):
            value = getattr(section, f.name)
            lines.append(f"{f.name} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)
