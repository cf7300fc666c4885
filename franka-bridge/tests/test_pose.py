"""pose.py against golden vectors computed independently with scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

from franka_bridge import pose

RNG = np.random.default_rng(20240518)
ANGLES = [tuple(a) for a in RNG.uniform([-math.pi, -math.pi / 2 + 0.01, -math.pi], [math.pi, math.pi / 2 - 0.01, math.pi], (200, 3))]


@pytest.mark.parametrize("angles", ANGLES[:50])
def test_euler_to_matrix_is_scipys_extrinsic_xyz(angles):
    assert np.array(pose.euler_to_matrix(*angles)) == pytest.approx(Rotation.from_euler("xyz", angles).as_matrix(), abs=1e-12)


@pytest.mark.parametrize("angles", ANGLES[50:100])
def test_matrix_to_euler_is_scipys_as_euler_xyz(angles):
    m = Rotation.from_euler("xyz", angles).as_matrix()
    assert pose.matrix_to_euler(tuple(map(tuple, m))) == pytest.approx(tuple(Rotation.from_matrix(m).as_euler("xyz")), abs=1e-9)


@pytest.mark.parametrize("pitch", [math.pi / 2, -math.pi / 2])
def test_gimbal_lock_round_trips_to_the_same_rotation(pitch):
    m = Rotation.from_euler("xyz", [0.3, pitch, -1.1]).as_matrix()
    roll, p, yaw = pose.matrix_to_euler(tuple(map(tuple, m)))
    assert roll == 0.0 and p == pytest.approx(pitch)
    assert np.array(pose.euler_to_matrix(roll, p, yaw)) == pytest.approx(m, abs=1e-9)


@pytest.mark.parametrize("angles", ANGLES[100:150])
def test_quaternions_are_xyzw_like_scipy(angles):
    r = Rotation.from_euler("xyz", angles)
    q = r.as_quat()
    assert np.array(pose.quaternion_to_matrix(tuple(q))) == pytest.approx(r.as_matrix(), abs=1e-12)
    mine = np.array(pose.matrix_to_quaternion(tuple(map(tuple, r.as_matrix()))))
    assert mine == pytest.approx(q if q[3] >= 0 else -q, abs=1e-12)


@pytest.mark.parametrize("i", range(20))
def test_apply_delta_matches_the_world_models_pose_update(i):
    """V-JEPA 2's compute_new_pose: xyz + Δ, R(Δθ)·R with scipy "xyz" (notebooks/utils/mpc_utils.py)."""
    state = RNG.uniform([0.3, -0.3, 0.1, -math.pi, -1.2, -math.pi], [0.7, 0.3, 0.6, math.pi, 1.2, math.pi])
    d = RNG.uniform(-0.2, 0.2, 6)
    golden_xyz = state[:3] + d[:3]
    golden_rot = (Rotation.from_euler("xyz", d[3:]) * Rotation.from_euler("xyz", state[3:])).as_euler("xyz")
    out = pose.apply_delta(pose.Pose.from_euler(*state), tuple(d[:3]), *d[3:])
    assert out.t == pytest.approx(tuple(golden_xyz), abs=1e-12)
    assert out.euler() == pytest.approx(tuple(golden_rot), abs=1e-9)


def test_flange_and_hand_tcp_convert_like_the_urdf_chain():
    """O_T_TCP = O_T_F · Trans(0, 0, 0.1034) · Rz(−π/4), and back."""
    o_t_f = np.eye(4)
    o_t_f[:3, :3] = Rotation.from_euler("xyz", [math.pi, 0.1, 0.7]).as_matrix()
    o_t_f[:3, 3] = [0.4, 0.1, 0.5]
    f_t_tcp = np.eye(4)
    f_t_tcp[:3, :3] = Rotation.from_euler("z", -math.pi / 4).as_matrix()
    f_t_tcp[2, 3] = 0.1034
    golden = o_t_f @ f_t_tcp
    flange = pose.Pose(tuple(o_t_f[:3, 3]), tuple(map(tuple, o_t_f[:3, :3])))
    tcp_frame = pose.flange_to_frame(0.1034, -math.pi / 4)
    flange_frame = pose.flange_to_frame(0.0, 0.0)
    tcp = pose.convert(flange, flange_frame, tcp_frame)
    assert tcp.t == pytest.approx(tuple(golden[:3, 3]), abs=1e-12)
    assert np.array(tcp.r) == pytest.approx(golden[:3, :3], abs=1e-12)
    back = pose.convert(tcp, tcp_frame, flange_frame)
    assert back.t == pytest.approx(flange.t, abs=1e-12)
    assert np.array(back.r) == pytest.approx(o_t_f[:3, :3], abs=1e-12)


@pytest.mark.parametrize("angles", ANGLES[150:170])
def test_rotation_power_interpolates_about_one_axis(angles):
    r = Rotation.from_euler("xyz", angles)
    for f in (0.0, 0.25, 0.5, 1.0):
        golden = Rotation.from_rotvec(r.as_rotvec() * f).as_matrix()
        assert np.array(pose.rotation_power(tuple(map(tuple, r.as_matrix())), f)) == pytest.approx(golden, abs=1e-9)


def test_rotation_power_at_half_a_turn():
    r = Rotation.from_rotvec([0.0, math.pi / math.sqrt(2), math.pi / math.sqrt(2)])
    half = np.array(pose.rotation_power(tuple(map(tuple, r.as_matrix())), 0.5))
    assert Rotation.from_matrix(half).magnitude() == pytest.approx(math.pi / 2)
    assert (Rotation.from_matrix(half) * Rotation.from_matrix(half)).as_matrix() == pytest.approx(r.as_matrix(), abs=1e-9)
