"""A recording test double of Polymetis' client API (facebookresearch/fairo, commit 0a01a7fa, the
commit DROID pins), for the bridge's `polymetis` driver where no Polymetis server runs.

Signatures follow polymetis/polymetis/python/polymetis/robot_interface.py and
gripper_interface.py at that commit:
- RobotInterface(time_to_go_default=1.0, use_grav_comp=True, *args, **kwargs) with
  BaseRobotInterface's kwargs ip_address="localhost", port=50051, enforce_version=True, ...;
  `metadata` (RobotClientMetadata: ee_link_name, hz, ...), get_ee_pose() -> (position tensor,
  quaternion tensor [x, y, z, w]), get_joint_positions(), get_robot_state(),
  move_to_ee_pose(position, orientation=None, time_to_go=None, delta=False, Kx=None, Kxd=None,
  op_space_interp=True, **kwargs) whose kwargs go to send_torch_policy(torch_policy,
  blocking=True, timeout=None) — it returns [] without moving when inverse kinematics fails,
  None when not blocking —, is_running_policy(), terminate_current_policy(return_log=True,
  timeout=None);
- GripperInterface(ip_address="localhost", port=50052): metadata.max_width, get_state() ->
  GripperState(width, is_grasped, is_moving, prev_command_successful, error_code),
  goto(width, speed, force, blocking=True), grasp(speed, force, grasp_width=0.0,
  epsilon_inner=-1.0, epsilon_outer=-1.0, blocking=True).

What the double simulates: the flange (panda_link8, as DROID's franka_panda.yaml configures
`ee_link_name`) moving on a straight line for exactly `time_to_go` seconds (the real policy
follows a min-jerk joint trajectory of that duration); a policy terminated mid-way leaves the arm
where it was (the real default controller then holds); a Robotiq 2F-85 (max_width 0.085 m)
moving at the commanded speed and stopping on an object of `testing.world().gripper.object_width`
(the shared `_sim.TimedGripper`).
Calls are recorded in `testing.LOG`; timing runs on `testing.CLOCK`. Tensors are torch tensors,
as in the real API.
"""

from __future__ import annotations

import threading
import types

import grpc
import numpy as np
import torch
from scipy.spatial.transform import Rotation

from _sim import CLOCK, CallLog, TimedGripper, TimedMotion, matrix

__version__ = "0.2"

LOG = CallLog()
_LOCK = threading.Condition()


class _World:
    def __init__(self):
        tcp_down = Rotation.from_euler("xyz", [np.pi, 0.0, 0.0])
        flange = tcp_down * Rotation.from_euler("z", np.pi / 4)  # O_T_F = O_T_TCP · (F_T_TCP)⁻¹
        self.flange = matrix([0.307, 0.0, 0.5904], flange)
        self.motion: TimedMotion | None = None
        self.ee_link_name = "panda_link8"
        self.ik_fails = False
        self.server_error: str | None = None
        self.gripper = TimedGripper(max_width=0.085)


WORLD = _World()


def _flange_now() -> np.ndarray:
    w = WORLD
    if w.motion is not None and w.motion.done(CLOCK.now()):
        w.flange, w.motion = w.motion.target, None
        _LOCK.notify_all()
    return w.flange if w.motion is None else w.motion.pose(CLOCK.now())


class RobotInterface:
    def __init__(self, time_to_go_default: float = 1.0, use_grav_comp: bool = True, *args, **kwargs):
        LOG.add("RobotInterface", **kwargs)
        self.time_to_go_default = time_to_go_default
        self.metadata = types.SimpleNamespace(ee_link_name=WORLD.ee_link_name, hz=1000, polymetis_version=__version__)

    def get_ee_pose(self):
        LOG.add("RobotInterface.get_ee_pose")
        with _LOCK:
            m = _flange_now()
        quat = Rotation.from_matrix(m[:3, :3]).as_quat()
        return torch.tensor(m[:3, 3], dtype=torch.float32), torch.tensor(quat, dtype=torch.float32)

    def get_joint_positions(self):
        LOG.add("RobotInterface.get_joint_positions")
        return torch.zeros(7)

    def get_robot_state(self):
        LOG.add("RobotInterface.get_robot_state")
        if WORLD.server_error:
            raise grpc.RpcError(f"POLYMETIS SERVER ERROR --\n{WORLD.server_error}")
        return types.SimpleNamespace(joint_positions=[0.0] * 7, prev_command_successful=True)

    def move_to_ee_pose(self, position, orientation=None, time_to_go=None, delta=False, Kx=None, Kxd=None,
                        op_space_interp=True, **kwargs):
        LOG.add("RobotInterface.move_to_ee_pose", position=_list(position), orientation=_list(orientation),
                time_to_go=time_to_go, delta=delta, op_space_interp=op_space_interp, **kwargs)
        if WORLD.ik_fails:
            return []  # robot_interface.py: "Unable to find valid joint target. Skipping ..."
        if WORLD.server_error:
            raise grpc.RpcError(f"POLYMETIS SERVER ERROR --\n{WORLD.server_error}")
        with _LOCK:
            start = _flange_now()
            pos = np.asarray(_list(position), dtype=float)
            quat = np.asarray(_list(orientation), dtype=float) if orientation is not None else None
            rot = Rotation.from_quat(quat) if quat is not None else Rotation.from_matrix(start[:3, :3])
            if delta:
                pos = pos + start[:3, 3]
                rot = rot * Rotation.from_matrix(start[:3, :3])
            duration = float(time_to_go if time_to_go is not None else self.time_to_go_default)
            WORLD.motion = TimedMotion(start, matrix(pos, rot), 1e9, 1e9, extra_s=duration)
            _LOCK.notify_all()
        if kwargs.get("blocking", True):
            with _LOCK:
                while WORLD.motion is not None:
                    CLOCK.wait(_LOCK, WORLD.motion.remaining(CLOCK.now()) + 1e-6)
                    _flange_now()
            return [types.SimpleNamespace()]
        return None

    def is_running_policy(self) -> bool:
        LOG.add("RobotInterface.is_running_policy")
        with _LOCK:
            _flange_now()
            return WORLD.motion is not None

    def terminate_current_policy(self, return_log: bool = True, timeout: float | None = None):
        LOG.add("RobotInterface.terminate_current_policy", return_log=return_log, timeout=timeout)
        with _LOCK:
            if WORLD.motion is None:
                raise grpc.RpcError("POLYMETIS SERVER ERROR --\nno policy is running")
            WORLD.flange, WORLD.motion = _flange_now(), None
            _LOCK.notify_all()
        return [] if return_log else None


class GripperInterface:
    def __init__(self, ip_address: str = "localhost", port: int = 50052):
        LOG.add("GripperInterface", ip_address=ip_address, port=port)
        self.metadata = types.SimpleNamespace(max_width=WORLD.gripper.max_width, hz=60)

    def get_state(self):
        LOG.add("GripperInterface.get_state")
        with _LOCK:
            width, moving = WORLD.gripper.now()
        return types.SimpleNamespace(width=float(width), is_grasped=False, is_moving=moving,
                                     prev_command_successful=True, error_code=0)

    def _start(self, width: float, speed: float, blocking: bool) -> None:
        with _LOCK:
            WORLD.gripper.start(width, speed)
            if blocking:
                while WORLD.gripper.now()[1]:
                    CLOCK.wait(_LOCK, 0.01)

    def goto(self, width: float, speed: float, force: float, blocking: bool = True) -> None:
        LOG.add("GripperInterface.goto", width=width, speed=speed, force=force, blocking=blocking)
        self._start(width, speed, blocking)

    def grasp(self, speed: float, force: float, grasp_width: float = 0.0, epsilon_inner: float = -1.0,
              epsilon_outer: float = -1.0, blocking: bool = True) -> None:
        LOG.add("GripperInterface.grasp", speed=speed, force=force, grasp_width=grasp_width,
                epsilon_inner=epsilon_inner, epsilon_outer=epsilon_outer, blocking=blocking)
        self._start(grasp_width, speed, blocking)


def _list(v):
    if v is None:
        return None
    if hasattr(v, "tolist"):
        return [float(x) for x in v.tolist()]
    return [float(x) for x in v]
