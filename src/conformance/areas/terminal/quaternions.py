"""Quaternion arithmetic on NumPy arrays of (..., 4) quaternions in OpenXR's order x, y, z, w (XrQuaternionf), shared
by the body bones' orientations (body_accuracy.py) and the motion programme's (motion_programme.py)."""

from __future__ import annotations

import numpy as np


def product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hamilton products a b of (..., 4) quaternions x, y, z, w."""
    ax, ay, az, aw = np.moveaxis(a, -1, 0)
    bx, by, bz, bw = np.moveaxis(b, -1, 0)
    return np.stack((aw * bx + ax * bw + ay * bz - az * by, aw * by - ax * bz + ay * bw + az * bx,
                     aw * bz + ax * by - ay * bx + az * bw, aw * bw - ax * bx - ay * by - az * bz), axis=-1)
