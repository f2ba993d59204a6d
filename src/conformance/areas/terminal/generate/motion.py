"""Plausible motion for synthetic captures: a head, hands with rigid bones, a gaze, a body.

Conventions follow OpenXR: metres, right-handed, +Y up, -Z forward; quaternions (x, y, z,
w). All motion is smooth (sums of slow sinusoids) and deterministic given its phase.
"""

from __future__ import annotations

import math

import numpy as np

Quat = np.ndarray  # (4,) x, y, z, w


def floats(v) -> tuple[float, ...]:
    """A vector's components as Python floats (numpy's per-element scalars cost more than the arithmetic)."""
    return tuple(float(x) for x in (v.tolist() if isinstance(v, np.ndarray) else v))


# The quaternion arithmetic is done on tuples of Python floats and only the results made arrays: a capture makes
# hundreds of thousands of these products, and numpy's per-call overhead on 4 numbers was most of their cost (the
# same IEEE operations in the same order: the results are bit for bit the same).
def _axis(axis: tuple[float, float, float], angle: float) -> tuple[float, float, float, float]:
    s = math.sin(angle / 2)
    return axis[0] * s, axis[1] * s, axis[2] * s, math.cos(angle / 2)


def _mul(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, float, float, float]:
    ax, ay, az, aw = a
    bx, by, bz, bw = b
    return (aw * bx + ax * bw + ay * bz - az * by, aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw, aw * bw - ax * bx - ay * by - az * bz)


def _rotated(q: tuple[float, ...], v: tuple[float, ...]) -> tuple[float, float, float]:
    """``v`` rotated by ``q``: v + 2 u x (u x v + w v), u the vector part, written out component by component as
    numpy.cross computes it (multiply, then subtract)."""
    ux, uy, uz, w = q
    vx, vy, vz = v
    tx = (uy * vz - uz * vy) + w * vx
    ty = (uz * vx - ux * vz) + w * vy
    tz = (ux * vy - uy * vx) + w * vz
    return vx + 2 * (uy * tz - uz * ty), vy + 2 * (uz * tx - ux * tz), vz + 2 * (ux * ty - uy * tx)


def _moved(p: tuple[float, ...], q: tuple[float, ...], v: tuple[float, ...]) -> tuple[float, float, float]:
    """``p`` + ``v`` rotated by ``q``, as numpy adds them element by element."""
    rx, ry, rz = _rotated(q, v)
    return p[0] + rx, p[1] + ry, p[2] + rz


def quat_axis(axis: tuple[float, float, float], angle: float) -> Quat:
    return np.array(_axis(axis, angle))


def quat_mul(a: Quat, b: Quat) -> Quat:
    return np.array(_mul(floats(a), floats(b)))


def rotate(q: Quat, v: np.ndarray) -> np.ndarray:
    """``v`` rotated by ``q`` (see :func:`_rotated`)."""
    return np.array(_rotated(floats(q), floats(v)))


def _ypr(yaw: float, pitch: float, roll: float) -> tuple[float, float, float, float]:
    return _mul(_mul(_axis((0, 1, 0), yaw), _axis((1, 0, 0), pitch)), _axis((0, 0, 1), roll))


def yaw_pitch_roll(yaw: float, pitch: float, roll: float) -> Quat:
    return np.array(_ypr(yaw, pitch, roll))


def head(s: float, phase: float = 0.0) -> tuple[Quat, np.ndarray]:
    """Looking around: yaw sweeps +-35 degrees, slight nods, the body sways a little."""
    s += phase
    q = _ypr(math.radians(35) * math.sin(0.5 * s), math.radians(8) * math.sin(1.3 * s),
                       math.radians(2) * math.sin(0.7 * s))
    return np.array(q), np.array([0.05 * math.sin(0.4 * s), 1.65 + 0.01 * math.sin(2.1 * s), -0.03 * math.cos(0.4 * s)])


def grip(s: float, side: int) -> tuple[Quat, np.ndarray]:
    """A hand (side -1 left, +1 right) traces a slow circle in front of the body."""
    q, p = _grip(s, side)
    return np.array(q), np.array(p)


def _grip(s: float, side: int) -> tuple[tuple[float, float, float, float], tuple[float, float, float]]:
    q = _ypr(side * math.radians(-20) + 0.3 * math.sin(0.9 * s), math.radians(-30) + 0.2 * math.cos(0.9 * s),
             0.25 * math.sin(0.9 * s))
    return q, (side * (0.25 + 0.15 * math.cos(0.9 * s)), 1.20 + 0.15 * math.sin(0.9 * s), -0.35)


def gaze(s: float) -> tuple[Quat, np.ndarray]:
    """The gaze follows the head, with quick saccades on top."""
    q, p = head(s)
    saccade = quat_axis((0, 1, 0), math.radians(10) * math.copysign(1, math.sin(2.7 * s)))
    return quat_mul(q, saccade), p + rotate(q, np.array([0.0, -0.02, -0.08]))


# -- hands (XR_EXT_hand_tracking joint order) ------------------------------------------

#: (lateral offset of the metacarpal joint from the wrist, splay angle, bone lengths to the tip)
_FINGERS = (
    (0.020, math.radians(35), (0.045, 0.035, 0.028)),  # thumb: metacarpal, proximal, distal -> tip
    (0.012, math.radians(8), (0.070, 0.045, 0.025, 0.022)),  # index: metacarpal .. distal -> tip
    (0.000, math.radians(0), (0.068, 0.050, 0.030, 0.024)),  # middle
    (-0.012, math.radians(-8), (0.064, 0.046, 0.028, 0.022)),  # ring
    (-0.024, math.radians(-16), (0.060, 0.038, 0.020, 0.018)),  # little
)
JOINT_RADII = (0.016, 0.018, *([0.012, 0.010, 0.009, 0.008] + [0.010, 0.009, 0.008, 0.007, 0.006] * 4))
_UNIT = (0.0, 0.0, 0.0, 1.0)


def hand_joints(s: float, side: int) -> list[tuple[Quat, np.ndarray]]:
    """26 joint poses (XrHandJointEXT order) of a hand whose fingers curl and open
    slowly. Joints are placed in the hand's own frame, then moved rigidly with the wrist,
    so bone lengths stay constant."""
    wrist_q, wrist_p = _grip(s, side)
    curl = 0.5 + 0.5 * math.sin(1.7 * s)  # 0 open .. 1 closed
    origin = (0.0, 0.0, 0.0)
    joints: list[tuple[tuple[float, ...], tuple[float, ...]]] = [(_UNIT, origin)] * 26  # [1]: the wrist
    first = 2
    for offset, splay, lengths in _FINGERS:
        q = _axis((0, 1, 0), -side * splay)
        p = (side * offset, 0.0, -0.01)
        joints[first] = (q, p)  # metacarpal
        for k, length in enumerate(lengths, start=1):
            p = _moved(p, q, (0.0, 0.0, -length))  # along the previous joint's -Z
            q = _mul(q, _axis((1, 0, 0), -0.45 * curl))  # the finger bends at each joint
            joints[first + k] = (q, p)
        first += len(lengths) + 1
    middle, proximal = joints[11][1], joints[12][1]
    joints[0] = (joints[11][0], tuple((a + b) / 2 for a, b in zip(middle, proximal, strict=True)))  # palm: middle
    # of the middle metacarpal
    return [(np.array(_mul(wrist_q, q)), np.array(_moved(wrist_p, wrist_q, p))) for q, p in joints]


# -- body (VRM 1.0 humanoid) -----------------------------------------------------------

#: bone -> (parent, offset from the parent in metres, T-pose)
SKELETON = {
    "hips": (None, (0.0, 0.95, 0.0)), "spine": ("hips", (0.0, 0.10, 0.0)), "chest": ("spine", (0.0, 0.15, 0.0)),
    "neck": ("chest", (0.0, 0.20, 0.0)), "head": ("neck", (0.0, 0.10, 0.0)),
    "leftUpperArm": ("chest", (0.18, 0.17, 0.0)), "leftLowerArm": ("leftUpperArm", (0.28, 0.0, 0.0)),
    "leftHand": ("leftLowerArm", (0.25, 0.0, 0.0)),
    "rightUpperArm": ("chest", (-0.18, 0.17, 0.0)), "rightLowerArm": ("rightUpperArm", (-0.28, 0.0, 0.0)),
    "rightHand": ("rightLowerArm", (-0.25, 0.0, 0.0)),
    "leftUpperLeg": ("hips", (0.09, -0.05, 0.0)), "leftLowerLeg": ("leftUpperLeg", (0.0, -0.42, 0.0)),
    "leftFoot": ("leftLowerLeg", (0.0, -0.42, 0.0)),
    "rightUpperLeg": ("hips", (-0.09, -0.05, 0.0)), "rightLowerLeg": ("rightUpperLeg", (0.0, -0.42, 0.0)),
    "rightFoot": ("rightLowerLeg", (0.0, -0.42, 0.0)),
}


def body(s: float) -> dict[str, tuple[Quat, np.ndarray]]:
    """A person walking on the spot: legs and arms swing, the torso turns a little."""
    swing = math.sin(2.0 * s)
    local = {
        "hips": _axis((0, 1, 0), 0.2 * math.sin(0.3 * s)), "spine": _axis((0, 1, 0), -0.05 * swing),
        "leftUpperLeg": _axis((1, 0, 0), 0.4 * swing), "rightUpperLeg": _axis((1, 0, 0), -0.4 * swing),
        "leftLowerLeg": _axis((1, 0, 0), -0.3 * max(swing, 0)),
        "rightLowerLeg": _axis((1, 0, 0), -0.3 * max(-swing, 0)),
        "leftUpperArm": _axis((1, 0, 0), -0.3 * swing), "rightUpperArm": _axis((1, 0, 0), 0.3 * swing),
    }
    world: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {}
    for bone, (parent, offset) in SKELETON.items():
        q_local = local.get(bone, _UNIT)
        if parent is None:
            world[bone] = (q_local, (offset[0] + 0.0, offset[1] + 0.02 * abs(swing), offset[2] + 0.0))
        else:
            pq, pp = world[parent]
            world[bone] = (_mul(pq, q_local), _moved(pp, pq, offset))
    return {bone: (np.array(q), np.array(p)) for bone, (q, p) in world.items()}


#: The rig's tracking error: a bias (metres) and the standard deviation of its noise; in orientation
#: (TD-PERF-002) a bias (a rotation vector, world axes, radians) and the noise's per axis.
RIG_BIAS = np.array([0.0003, -0.0002, 0.0004])
RIG_NOISE_M = 0.0004
RIG_TILT = np.radians([0.08, 0.0, -0.05])
RIG_NOISE_RAD = math.radians(0.05)


def small_turn(vector: np.ndarray) -> Quat:
    """The rotation of a rotation vector (radians)."""
    angle = float(np.linalg.norm(vector))
    return quat_axis(tuple(vector / angle), angle) if angle else np.array([0.0, 0.0, 0.0, 1.0])


def on_rig(reference: dict, s: float, index: int, bias: np.ndarray = RIG_BIAS,
           noise_m: float = RIG_NOISE_M) -> tuple[Quat, np.ndarray]:
    """A controller on a rotary stage (the capture's declared reference motion) at ``s``
    seconds: on the circle, facing along its path (its declared orientation at the stage's
    phase), as tracked: with a small bias and noise (the same for the same frame ``index``)."""
    angle = reference.get("phase_rad", 0.0) + 2 * math.pi * s / reference["period_s"]
    centre = reference["centre"]
    exact = np.array([centre["x"] + reference["radius_m"] * math.cos(angle), centre["y"],
                      centre["z"] + reference["radius_m"] * math.sin(angle)])
    draw = np.random.default_rng(index)
    noise = draw.normal(0.0, noise_m, 3)
    turned = quat_mul(small_turn(RIG_TILT + draw.normal(0.0, RIG_NOISE_RAD, 3)), yaw_pitch_roll(-angle, 0.0, 0.0))
    return turned, exact + bias + noise


#: How the bench's platform follows its command: this late, at this fraction of the commanded
#: amplitude, with this much measurement noise (standard deviation; metres or radians).
BENCH_LAG_S = 0.04
BENCH_GAIN = 0.97
BENCH_NOISE = 0.0002


def on_bench(command: dict, s: float, index: int) -> dict[str, dict[str, float]]:
    """A motion platform's achieved displacement and velocity at ``s`` seconds, following the
    commanded sinusoids (the capture's ``commanded_motion``, its t0 at the capture's start)
    BENCH_LAG_S late at BENCH_GAIN of their amplitude, as measured (the same noise for the same
    frame ``index``); axes not commanded hold still."""
    noise = np.random.default_rng(index).normal(0.0, BENCH_NOISE, 6)
    displacement, velocity = {}, {}
    for k, axis in enumerate(("surge", "sway", "heave", "roll", "pitch", "yaw")):
        wave = command["axes"].get(axis)
        if wave is None:
            displacement[axis], velocity[axis] = 0.0, 0.0
            continue
        w = 2 * math.pi * wave["frequency_hz"]
        angle = w * (s - BENCH_LAG_S) + wave.get("phase_rad", 0.0)
        displacement[axis] = round(BENCH_GAIN * wave["amplitude"] * math.sin(angle) + float(noise[k]), 6)
        velocity[axis] = round(BENCH_GAIN * wave["amplitude"] * w * math.cos(angle), 6)
    return {"displacement": displacement, "velocity": velocity}
