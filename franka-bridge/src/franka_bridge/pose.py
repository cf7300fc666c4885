"""Rigid poses, the protocol's Euler convention and its pose update, in plain Python.

Conventions (bridge.proto, CONVENTIONS.md): positions in metres in the robot base frame; roll,
pitch, yaw are extrinsic xyz Euler angles, R = Rz(yaw)·Ry(pitch)·Rx(roll) (scipy's "xyz"); a delta
is applied as xyz += Δxyz and R' = R(Δθ)·R (rotation in the base frame, on the left). Quaternions
are [x, y, z, w], the order franky's Affine and Polymetis use.

Hand-written rather than scipy so that the bridge needs nothing beyond grpcio and protobuf on the
control PC; the tests check every function against scipy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Tuple

# typing.Tuple rather than tuple[...]: Polymetis' client lives in a Python 3.8 environment.
Vec3 = Tuple[float, float, float]
Mat3 = Tuple[Vec3, Vec3, Vec3]

IDENTITY: Mat3 = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def matmul(a: Mat3, b: Mat3) -> Mat3:
    """The product a·b of two 3×3 matrices."""
    return tuple(
        tuple(sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)) for i in range(3)
    )  # type: ignore[return-value]


def transpose(a: Mat3) -> Mat3:
    """The transpose (the inverse of a rotation)."""
    return tuple(tuple(a[j][i] for j in range(3)) for i in range(3))  # type: ignore[return-value]


def apply(a: Mat3, v: Vec3) -> Vec3:
    """The vector a·v."""
    return tuple(sum(a[i][k] * v[k] for k in range(3)) for i in range(3))  # type: ignore[return-value]


def rot_x(angle: float) -> Mat3:
    """Rotation about the x axis."""
    c, s = math.cos(angle), math.sin(angle)
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(angle: float) -> Mat3:
    """Rotation about the y axis."""
    c, s = math.cos(angle), math.sin(angle)
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(angle: float) -> Mat3:
    """Rotation about the z axis."""
    c, s = math.cos(angle), math.sin(angle)
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def euler_to_matrix(roll: float, pitch: float, yaw: float) -> Mat3:
    """Extrinsic xyz Euler angles to a rotation matrix: Rz(yaw)·Ry(pitch)·Rx(roll)."""
    return matmul(rot_z(yaw), matmul(rot_y(pitch), rot_x(roll)))


def matrix_to_euler(r: Mat3) -> Vec3:
    """A rotation matrix to extrinsic xyz Euler angles, pitch in [-π/2, π/2].

    At gimbal lock (|pitch| = π/2) roll and yaw are not separable; roll is set to 0 and the whole
    rotation about the vertical put into yaw, so that euler_to_matrix gives back the same matrix.
    """
    cos_pitch = math.hypot(r[0][0], r[1][0])
    pitch = math.atan2(-r[2][0], cos_pitch)
    if cos_pitch > 1e-9:
        roll = math.atan2(r[2][1], r[2][2])
        yaw = math.atan2(r[1][0], r[0][0])
    else:
        roll = 0.0
        # With cos(pitch) = 0: r[0][1] = sin(pitch)·sin(roll)·cos(yaw) − cos(roll)·sin(yaw) etc.
        yaw = math.atan2(-r[0][1], r[1][1])
    return (roll, pitch, yaw)


def quaternion_to_matrix(q: tuple[float, float, float, float]) -> Mat3:
    """A quaternion [x, y, z, w] (normalised here) to a rotation matrix."""
    x, y, z, w = q
    n = math.sqrt(x * x + y * y + z * z + w * w)
    if not n > 0 or not math.isfinite(n):
        raise ValueError(f"quaternion {q} has no direction")
    x, y, z, w = x / n, y / n, z / n, w / n
    return (
        (1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)),
        (2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)),
        (2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)),
    )


def matrix_to_quaternion(r: Mat3) -> tuple[float, float, float, float]:
    """A rotation matrix to a unit quaternion [x, y, z, w] with w ≥ 0."""
    trace = r[0][0] + r[1][1] + r[2][2]
    if trace > 0:
        s = 2.0 * math.sqrt(trace + 1.0)
        w, x = 0.25 * s, (r[2][1] - r[1][2]) / s
        y, z = (r[0][2] - r[2][0]) / s, (r[1][0] - r[0][1]) / s
    elif r[0][0] > r[1][1] and r[0][0] > r[2][2]:
        s = 2.0 * math.sqrt(1.0 + r[0][0] - r[1][1] - r[2][2])
        w, x = (r[2][1] - r[1][2]) / s, 0.25 * s
        y, z = (r[0][1] + r[1][0]) / s, (r[0][2] + r[2][0]) / s
    elif r[1][1] > r[2][2]:
        s = 2.0 * math.sqrt(1.0 + r[1][1] - r[0][0] - r[2][2])
        w, x = (r[0][2] - r[2][0]) / s, (r[0][1] + r[1][0]) / s
        y, z = 0.25 * s, (r[1][2] + r[2][1]) / s
    else:
        s = 2.0 * math.sqrt(1.0 + r[2][2] - r[0][0] - r[1][1])
        w, x = (r[1][0] - r[0][1]) / s, (r[0][2] + r[2][0]) / s
        y, z = (r[1][2] + r[2][1]) / s, 0.25 * s
    if w < 0:
        x, y, z, w = -x, -y, -z, -w
    return (x, y, z, w)


def rotation_angle(r: Mat3) -> float:
    """The angle of a rotation, radians in [0, π]."""
    c = (r[0][0] + r[1][1] + r[2][2] - 1.0) / 2.0
    return math.acos(max(-1.0, min(1.0, c)))


def rotation_power(r: Mat3, fraction: float) -> Mat3:
    """The rotation about the same axis by `fraction` of the angle (for interpolation)."""
    angle = rotation_angle(r)
    if angle < 1e-12:
        return IDENTITY
    if math.pi - angle < 1e-9:
        # Axis from the symmetric part: R = 2·aaᵀ − I at angle π.
        i = max(range(3), key=lambda k: r[k][k])
        axis_i = math.sqrt(max(0.0, (r[i][i] + 1.0) / 2.0))
        axis = [0.0, 0.0, 0.0]
        axis[i] = axis_i
        for k in range(3):
            if k != i:
                axis[k] = (r[i][k] + r[k][i]) / (4.0 * axis_i)
    else:
        s = 2.0 * math.sin(angle)
        axis = [(r[2][1] - r[1][2]) / s, (r[0][2] - r[2][0]) / s, (r[1][0] - r[0][1]) / s]
    return axis_angle(tuple(axis), angle * fraction)  # type: ignore[arg-type]


def axis_angle(axis: Vec3, angle: float) -> Mat3:
    """Rotation by `angle` about the unit vector `axis` (Rodrigues)."""
    x, y, z = axis
    c, s = math.cos(angle), math.sin(angle)
    t = 1.0 - c
    return (
        (t * x * x + c, t * x * y - s * z, t * x * z + s * y),
        (t * x * y + s * z, t * y * y + c, t * y * z - s * x),
        (t * x * z - s * y, t * y * z + s * x, t * z * z + c),
    )


@dataclass(frozen=True)
class Pose:
    """A rigid transform: rotation `r` then translation `t` (x' = r·x + t)."""

    t: Vec3
    r: Mat3 = IDENTITY

    def compose(self, other: Pose) -> Pose:
        """self · other (other expressed in self's frame)."""
        return Pose(_add(self.t, apply(self.r, other.t)), matmul(self.r, other.r))

    def inverse(self) -> Pose:
        """The inverse transform."""
        rt = transpose(self.r)
        return Pose(_scale(apply(rt, self.t), -1.0), rt)

    def euler(self) -> Vec3:
        """Roll, pitch, yaw of the rotation (extrinsic xyz)."""
        return matrix_to_euler(self.r)

    def quaternion(self) -> tuple[float, float, float, float]:
        """The rotation as [x, y, z, w]."""
        return matrix_to_quaternion(self.r)

    @staticmethod
    def from_euler(x: float, y: float, z: float, roll: float, pitch: float, yaw: float) -> Pose:
        """A pose from position and extrinsic xyz Euler angles."""
        return Pose((x, y, z), euler_to_matrix(roll, pitch, yaw))

    @staticmethod
    def from_quaternion(t: Vec3, q: tuple[float, float, float, float]) -> Pose:
        """A pose from position and quaternion [x, y, z, w]."""
        return Pose(t, quaternion_to_matrix(q))


def flange_to_frame(offset_m: float, rotation_rad: float) -> Pose:
    """F_T_X of a frame `offset_m` along and `rotation_rad` about the flange z axis."""
    return Pose((0.0, 0.0, offset_m), rot_z(rotation_rad))


def apply_delta(pose: Pose, dxyz: Vec3, droll: float, dpitch: float, dyaw: float) -> Pose:
    """The world model's pose update: position + Δ, rotation R(Δθ)·R (base frame, on the left)."""
    return Pose(_add(pose.t, dxyz), matmul(euler_to_matrix(droll, dpitch, dyaw), pose.r))


def convert(pose: Pose, from_frame: Pose, to_frame: Pose) -> Pose:
    """O_T_to from O_T_from, with both frames given relative to the flange (F_T_from, F_T_to)."""
    return pose.compose(from_frame.inverse()).compose(to_frame)


def distance(a: Vec3, b: Vec3) -> float:
    """Euclidean distance."""
    return math.sqrt(sum((a[i] - b[i]) ** 2 for i in range(3)))


def _add(a: Vec3, b: Vec3) -> Vec3:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _scale(a: Vec3, k: float) -> Vec3:
    return (a[0] * k, a[1] * k, a[2] * k)
