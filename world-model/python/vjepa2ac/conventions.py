"""State conventions a bundle records in model.json's `state_convention` (world-model/BUNDLE.md).

A state vector is [x, y, z, roll, pitch, yaw, gripper] of one point of the hand. Which point, in
which Euler convention and on which gripper scale is a property of the training data, and the
service refuses to plan when the robot's bridge reports another one. Two presets:

- `sim`: the simulator's states (sim-harness PandaKinematics): the Franka Hand's TCP, between the
  fingertips, 0.1034 m beyond the flange along its z axis, the hand mounted rotated -pi/4 about
  that axis; extrinsic xyz Euler angles; gripper closedness = 1 - opening / max opening.
- `droid`: the official V-JEPA 2-AC checkpoint, trained on DROID: DROID records the pose of the
  flange (panda_link8, the end-effector link its Polymetis configuration names) with extrinsic
  xyz Euler angles (scipy "xyz") and its gripper as 1 - width / max width
  (franka-bridge/CONVENTIONS.md cites the sources).
"""

from __future__ import annotations

import math
from typing import Dict, Union

EXTRINSIC_XYZ = "extrinsic-xyz"
CLOSEDNESS = "closedness"

STATE_CONVENTIONS: Dict[str, Dict[str, Union[str, float]]] = {
    "sim": {"frame_name": "franka_hand_tcp", "offset_from_flange_m": 0.1034,
            "rotation_about_flange_z_rad": -math.pi / 4, "euler": EXTRINSIC_XYZ, "gripper": CLOSEDNESS},
    "droid": {"frame_name": "panda_link8", "offset_from_flange_m": 0.0,
              "rotation_about_flange_z_rad": 0.0, "euler": EXTRINSIC_XYZ, "gripper": CLOSEDNESS},
}


def state_convention(name: str) -> Dict[str, Union[str, float]]:
    """The model.json block of preset `name` (a copy), or ValueError naming the presets."""
    if name not in STATE_CONVENTIONS:
        raise ValueError(f"unknown state convention '{name}'; presets: {', '.join(sorted(STATE_CONVENTIONS))}")
    return dict(STATE_CONVENTIONS[name])
