"""A recording test double of franky 2.0.0 (TimSchneider42/franky, tag v2.0.0), for the bridge's
`franky` driver where libfranka and a robot are absent.

Signatures follow the pybind11 bindings read at that tag (same at v1.1.4 for everything here):
- python/bind_robot.cpp: Robot(fci_hostname, relative_dynamics_factor=1.0,
  default_torque_threshold=20.0, default_force_threshold=30.0, controller_mode=JointImpedance,
  realtime_config=Enforce, kalman_*...), Robot.move(motion, asynchronous=False, limit_rate=False,
  cutoff_frequency=...), Robot.join_motion(timeout=None) -> bool, poll_motion(), stop(),
  recover_from_errors() -> bool, properties relative_dynamics_factor, has_errors, current_pose,
  current_cartesian_state, state, fci_hostname; Gripper(fci_hostname), grasp(width, speed, force,
  epsilon_inner=0.005, epsilon_outer=0.005), grasp_async(...), move(width, speed),
  move_async(width, speed), open(speed), open_async(speed), homing(), stop(), properties state,
  width, is_grasped, max_width;
- python/bind_motion_cartesian_pos.cpp: CartesianMotion(target, reference_type=Absolute,
  relative_dynamics_factor=1.0, return_when_finished=True, ee_frame=None),
  CartesianStopMotion(relative_dynamics_factor=1.0);
- python/bind_state_repr.cpp: Affine(transformation_matrix) / Affine(translation=[0,0,0],
  quaternion=[0,0,0,1]) with quaternion in [x, y, z, w], properties translation, quaternion,
  matrix, inverse, and `*`; RobotPose(end_effector_pose, elbow_state=None); CartesianState(pose);
- python/bind_misc.cpp: RelativeDynamicsFactor, BoolFuture.wait(timeout=None) / get();
- python/bind_errors.cpp: Exception, CommandException, ControlException, NetworkException, ...;
- src/motion/cartesian_waypoint_motion.cpp (setNewWaypoint): a Relative target is composed as
  `previous_target.end_effector_pose() * target`, i.e. in the end-effector frame — modelled here.

What the double simulates: one arm whose end effector (O_T_EE, the Desk-configured end-effector
frame F_T_EE, by default the Franka Hand TCP 0.1034 m / −π/4 from the flange) moves along a
straight line at `relative_dynamics_factor` × (3.0 m/s, 2.5 rad/s) — franky's default maxima in
doc/guide/robot.md — without acceleration limits; a stop motion holds 50 ms
(include/franky/motion/stop_motion.hpp); a gripper moving at the commanded speed that stops on an
object of `testing.world().gripper.object_width` (the shared `_sim.TimedGripper`). Every call is
recorded in `testing.LOG`. Timing runs on `testing.CLOCK` (real time unless a test installs a
FakeClock). Not simulated: libfranka's acceleration/jerk limits, reflexes other than those a test
injects, joint limits, the real-time kernel check (RealtimeConfig is recorded only).
"""

from __future__ import annotations

import builtins
import enum
import threading

import numpy as np
from scipy.spatial.transform import Rotation

from _sim import CLOCK, CallLog, TimedGripper, TimedMotion, matrix

__version__ = "2.0.0"

LOG = CallLog()
_LOCK = threading.Condition()

TRANSLATION_VELOCITY_MAX = 3.0  # m/s, franky doc/guide/robot.md
ROTATION_VELOCITY_MAX = 2.5  # rad/s
STOP_HOLD_S = 0.05  # stop_motion.hpp: hold_target_duration = 50 ms


# -- exceptions (bind_errors.cpp) ----------------------------------------------------------


class Exception(builtins.Exception):  # noqa: A001 - franky's name for franka::Exception
    pass


class CommandException(Exception):
    pass


class ControlException(Exception):
    pass


class NetworkException(Exception):
    pass


class InvalidOperationException(Exception):
    pass


class RealtimeException(Exception):
    pass


class InvalidMotionTypeException(builtins.Exception):
    pass


class MotionReuseException(builtins.Exception):
    pass


class GripperException(builtins.Exception):
    pass


# -- enums ---------------------------------------------------------------------------------


class ReferenceType(enum.Enum):
    Absolute = 0
    Relative = 1


class RealtimeConfig(enum.Enum):
    Enforce = 0
    Ignore = 1


class ControllerMode(enum.Enum):
    JointImpedance = 0
    CartesianImpedance = 1


# -- geometry (bind_state_repr.cpp) ------------------------------------------------------------


class Affine:
    """Affine(transformation_matrix=I) or Affine(translation=[0,0,0], quaternion=[0,0,0,1])."""

    def __init__(self, *args, **kwargs):
        if len(args) == 1 and isinstance(args[0], Affine):
            m = args[0].matrix
        elif "transformation_matrix" in kwargs or (args and np.asarray(args[0]).shape == (4, 4)):
            m = np.asarray(kwargs.get("transformation_matrix", args[0] if args else None), dtype=float)
        else:
            translation = kwargs.get("translation", args[0] if len(args) > 0 else (0.0, 0.0, 0.0))
            quaternion = kwargs.get("quaternion", args[1] if len(args) > 1 else (0.0, 0.0, 0.0, 1.0))
            m = matrix(translation, Rotation.from_quat(np.asarray(quaternion, dtype=float)))
        self._m = np.array(m, dtype=float)

    @property
    def matrix(self) -> np.ndarray:
        return self._m.copy()

    @property
    def translation(self) -> np.ndarray:
        return self._m[:3, 3].copy()

    @property
    def quaternion(self) -> np.ndarray:
        return Rotation.from_matrix(self._m[:3, :3]).as_quat()

    @property
    def inverse(self) -> Affine:
        return Affine(np.linalg.inv(self._m))

    def __mul__(self, other: Affine) -> Affine:
        return Affine(self._m @ other._m)

    def __repr__(self) -> str:
        t = ", ".join(f"{v:.4f}" for v in self.translation)
        q = ", ".join(f"{v:.4f}" for v in self.quaternion)
        return f"Affine(t=[{t}], q=[{q}])"


class ElbowState:
    def __init__(self, joint_3_pos: float, joint_4_flip=None):
        self.joint_3_pos, self.joint_4_flip = joint_3_pos, joint_4_flip


class RobotPose:
    def __init__(self, end_effector_pose: Affine, elbow_state: ElbowState | None = None):
        self.end_effector_pose, self.elbow_state = Affine(end_effector_pose), elbow_state


class CartesianState:
    def __init__(self, pose):
        self.pose = pose if isinstance(pose, RobotPose) else RobotPose(pose)


class RelativeDynamicsFactor:
    def __init__(self, value: float = 1.0, acceleration: float | None = None, jerk: float | None = None, velocity=None):
        self.velocity = float(velocity if velocity is not None else value)
        self.acceleration = float(acceleration if acceleration is not None else value)
        self.jerk = float(jerk if jerk is not None else value)

    def __repr__(self) -> str:
        return f"RelativeDynamicsFactor({self.velocity})"


def _factor(value) -> float:
    return value.velocity if isinstance(value, RelativeDynamicsFactor) else float(value)


# -- motions (bind_motion_cartesian_pos.cpp) --------------------------------------------------


class Motion:
    def __init__(self):
        self._started = False


class CartesianMotion(Motion):
    def __init__(self, target, reference_type=ReferenceType.Absolute, relative_dynamics_factor=1.0,
                 return_when_finished=True, ee_frame=None):
        super().__init__()
        state = target if isinstance(target, CartesianState) else CartesianState(target)
        self.target = state
        self.reference_type = reference_type
        self.relative_dynamics_factor = relative_dynamics_factor
        self.return_when_finished = return_when_finished
        self.ee_frame = ee_frame

    def __repr__(self) -> str:
        return f"CartesianMotion({self.target.pose.end_effector_pose!r}, {self.reference_type.name})"


class CartesianStopMotion(Motion):
    def __init__(self, relative_dynamics_factor=1.0):
        super().__init__()
        self.relative_dynamics_factor = relative_dynamics_factor

    def __repr__(self) -> str:
        return "CartesianStopMotion()"


# -- states --------------------------------------------------------------------------------


class Errors:
    def __init__(self, active: tuple[str, ...] = ()):
        self._active = tuple(active)
        for name in active:
            setattr(self, name, True)

    def __bool__(self) -> bool:
        return bool(self._active)

    def __repr__(self) -> str:
        return "[" + ", ".join(f'"{n}"' for n in self._active) + "]"

    __str__ = __repr__


class RobotState:
    def __init__(self, **fields):
        self.__dict__.update(fields)


class GripperState:
    def __init__(self, width: float, max_width: float, is_grasped: bool):
        self.width, self.max_width, self.is_grasped = width, max_width, is_grasped
        self.temperature, self.time = 30, 0


class BoolFuture:
    def __init__(self, done, result):
        self._done, self._result = done, result

    def wait(self, timeout: float | None = None) -> bool:
        LOG.add("BoolFuture.wait", timeout=timeout)
        with _LOCK:
            end = None if timeout is None else CLOCK.now() + timeout
            while not self._done():
                left = None if end is None else end - CLOCK.now()
                if left is not None and left <= 0:
                    return False
                rem = WORLD.gripper.remaining_s()
                CLOCK.wait(_LOCK, rem if left is None else min(left, rem))
            return True

    def get(self) -> bool:
        LOG.add("BoolFuture.get")
        self.wait_quiet()
        return self._result()

    def wait_quiet(self) -> None:
        with _LOCK:
            while not self._done():
                CLOCK.wait(_LOCK, WORLD.gripper.remaining_s())


# -- the simulated world -------------------------------------------------------------------


class _World:
    """What the robot and gripper are doing; reset by `testing.reset()`."""

    def __init__(self):
        tcp_down = Rotation.from_euler("xyz", [np.pi, 0.0, 0.0])
        self.o_t_ee = matrix([0.307, 0.0, 0.487], tcp_down)
        self.f_t_ee = matrix([0.0, 0.0, 0.1034], Rotation.from_euler("z", -np.pi / 4))
        self.motion: TimedMotion | None = None
        self.motion_is_stop = False
        self.pending_exception: builtins.Exception | None = None
        self.errors: tuple[str, ...] = ()
        self.fail_after_s: float | None = None
        self.fail_message = "cartesian_reflex"
        self.gripper = TimedGripper(max_width=0.08)
        self.connected_robots = 0


WORLD = _World()


def _ee_now() -> np.ndarray:
    w = WORLD
    if w.motion is None:
        return w.o_t_ee
    now = CLOCK.now()
    if w.fail_after_s is not None and not w.motion_is_stop and now - w.motion.t0 >= w.fail_after_s:
        w.o_t_ee = w.motion.pose(w.motion.t0 + w.fail_after_s)
        w.motion, w.fail_after_s = None, None
        w.errors = (w.fail_message,)
        w.pending_exception = ControlException(
            f"Motion finished commanded, but the robot is still moving! ['{w.fail_message}']"
        )
        _LOCK.notify_all()
        return w.o_t_ee
    if w.motion.done(now):
        w.o_t_ee = w.motion.target
        w.motion = None
        _LOCK.notify_all()
        return w.o_t_ee
    return w.motion.pose(now)


def _width_now() -> float:
    """The fingers' width now; a move that arrives wakes the waiters."""
    was_moving = WORLD.gripper.moving
    width, moving = WORLD.gripper.now()
    if was_moving and not moving:
        _LOCK.notify_all()
    return width


def _gripper_done() -> bool:
    _width_now()
    return not WORLD.gripper.moving


# -- Robot (bind_robot.cpp) ----------------------------------------------------------------


class Robot:
    def __init__(self, fci_hostname: str, relative_dynamics_factor=1.0, default_torque_threshold=20.0,
                 default_force_threshold=30.0, controller_mode=ControllerMode.JointImpedance,
                 realtime_config=RealtimeConfig.Enforce, **kalman):
        LOG.add("Robot", fci_hostname, relative_dynamics_factor=relative_dynamics_factor,
                realtime_config=realtime_config)
        self.fci_hostname = fci_hostname
        self._factor = relative_dynamics_factor
        WORLD.connected_robots += 1

    @property
    def relative_dynamics_factor(self):
        return self._factor

    @relative_dynamics_factor.setter
    def relative_dynamics_factor(self, value):
        LOG.add("Robot.relative_dynamics_factor=", value)
        self._factor = value

    def move(self, motion: Motion, asynchronous: bool = False, limit_rate: bool = False,
             cutoff_frequency: float = 100.0) -> None:
        LOG.add("Robot.move", motion, asynchronous=asynchronous)
        if motion._started:
            raise MotionReuseException("This motion object has already been started before.")
        motion._started = True
        with _LOCK:
            current = _ee_now()
            if WORLD.motion is None:
                self._raise_pending()
            if WORLD.errors:
                raise ControlException(f"libfranka: Move command rejected: robot is in reflex mode {WORLD.errors}")
            f = _factor(self._factor) * _factor(motion.relative_dynamics_factor)
            if isinstance(motion, CartesianStopMotion):
                WORLD.motion = TimedMotion(current, current, 1.0, 1.0, extra_s=STOP_HOLD_S)
                WORLD.motion_is_stop = True
            else:
                target = motion.target.pose.end_effector_pose.matrix
                if motion.reference_type == ReferenceType.Relative:
                    base = WORLD.motion.target if WORLD.motion is not None else current
                    target = base @ target  # end-effector frame (cartesian_waypoint_motion.cpp)
                WORLD.motion = TimedMotion(current, target, TRANSLATION_VELOCITY_MAX * f, ROTATION_VELOCITY_MAX * f)
                WORLD.motion_is_stop = False
            _LOCK.notify_all()
        if not asynchronous:
            self.join_motion()

    def join_motion(self, timeout: float | None = None) -> bool:
        LOG.add("Robot.join_motion", timeout=timeout)
        with _LOCK:
            end = None if timeout is None else CLOCK.now() + timeout
            while True:
                _ee_now()
                if WORLD.motion is None:
                    self._raise_pending()
                    return True
                left = None if end is None else end - CLOCK.now()
                if left is not None and left <= 0:
                    return False
                rem = WORLD.motion.remaining(CLOCK.now()) + 1e-6
                if WORLD.fail_after_s is not None:
                    rem = min(rem, max(1e-6, WORLD.motion.t0 + WORLD.fail_after_s - CLOCK.now() + 1e-6))
                CLOCK.wait(_LOCK, rem if left is None else min(left, rem))

    def poll_motion(self) -> bool:
        LOG.add("Robot.poll_motion")
        return self.join_motion(0.0)

    def stop(self) -> None:
        LOG.add("Robot.stop")
        with _LOCK:
            current = _ee_now()
            if WORLD.motion is not None:
                WORLD.o_t_ee, WORLD.motion = current, None
                WORLD.pending_exception = ControlException("libfranka: motion aborted by Robot::stop")
            _LOCK.notify_all()

    def recover_from_errors(self) -> bool:
        LOG.add("Robot.recover_from_errors")
        with _LOCK:
            WORLD.errors, WORLD.pending_exception = (), None
        return True

    @property
    def has_errors(self) -> bool:
        LOG.add("Robot.has_errors")
        with _LOCK:
            _ee_now()
            return bool(WORLD.errors)

    @property
    def current_pose(self) -> RobotPose:
        LOG.add("Robot.current_pose")
        with _LOCK:
            return RobotPose(Affine(_ee_now()))

    @property
    def current_cartesian_state(self) -> CartesianState:
        LOG.add("Robot.current_cartesian_state")
        with _LOCK:
            return CartesianState(RobotPose(Affine(_ee_now())))

    @property
    def state(self) -> RobotState:
        LOG.add("Robot.state")
        with _LOCK:
            ee = _ee_now()
            return RobotState(
                O_T_EE=Affine(ee), O_T_EE_c=Affine(ee), F_T_EE=Affine(WORLD.f_t_ee),
                current_errors=Errors(WORLD.errors), last_motion_errors=Errors(WORLD.errors),
            )

    @staticmethod
    def _raise_pending() -> None:
        if WORLD.pending_exception is not None:
            e, WORLD.pending_exception = WORLD.pending_exception, None
            raise e


# -- Gripper (bind_robot.cpp) --------------------------------------------------------------


class Gripper:
    def __init__(self, fci_hostname: str):
        LOG.add("Gripper", fci_hostname)
        self.fci_hostname = fci_hostname

    def _start(self, width: float, speed: float) -> BoolFuture:
        with _LOCK:
            WORLD.gripper.start(width, speed)
            _LOCK.notify_all()
        return BoolFuture(_gripper_done, lambda: True)

    def grasp(self, width, speed, force, epsilon_inner=0.005, epsilon_outer=0.005) -> bool:
        LOG.add("Gripper.grasp", width, speed, force, epsilon_inner=epsilon_inner, epsilon_outer=epsilon_outer)
        future = self._start(width, speed)
        future.wait_quiet()
        return width - epsilon_inner < WORLD.gripper.width < width + epsilon_outer

    def grasp_async(self, width, speed, force, epsilon_inner=0.005, epsilon_outer=0.005) -> BoolFuture:
        LOG.add("Gripper.grasp_async", width, speed, force, epsilon_inner=epsilon_inner, epsilon_outer=epsilon_outer)
        return self._start(width, speed)

    def move(self, width, speed) -> bool:
        LOG.add("Gripper.move", width, speed)
        self._start(width, speed).wait_quiet()
        return True

    def move_async(self, width, speed) -> BoolFuture:
        LOG.add("Gripper.move_async", width, speed)
        return self._start(width, speed)

    def open(self, speed) -> bool:
        LOG.add("Gripper.open", speed)
        return self.move(WORLD.gripper.max_width, speed)

    def open_async(self, speed) -> BoolFuture:
        LOG.add("Gripper.open_async", speed)
        return self._start(WORLD.gripper.max_width, speed)

    def homing(self) -> bool:
        LOG.add("Gripper.homing")
        return True

    def stop(self) -> bool:
        LOG.add("Gripper.stop")
        with _LOCK:
            WORLD.gripper.stop()
            _LOCK.notify_all()
        return True

    @property
    def width(self) -> float:
        LOG.add("Gripper.width")
        with _LOCK:
            return float(_width_now())

    @property
    def max_width(self) -> float:
        LOG.add("Gripper.max_width")
        return WORLD.gripper.max_width

    @property
    def is_grasped(self) -> bool:
        LOG.add("Gripper.is_grasped")
        return WORLD.gripper.grasped

    @property
    def state(self) -> GripperState:
        LOG.add("Gripper.state")
        with _LOCK:
            return GripperState(float(_width_now()), WORLD.gripper.max_width, WORLD.gripper.grasped)
