"""Frame structs read as NumPy columns from their MessagePack bytes: the same numbers as a
member-by-member gather, and None (the checked path) wherever the layout is not fixed."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from conformance.areas.terminal.capture.columns import dof6_view, joint_view, pose_view
from conformance.areas.terminal.capture.frames import HAND_JOINT_COUNT, Dof6, Joint, Pose, Quat, Vec3

_FLOAT = st.floats(allow_nan=False) | st.integers(-10, 10).map(float)


def _pose(values: list[float]) -> Pose:
    return Pose(Quat(*values[:4]), Vec3(*values[4:7]))


@given(st.lists(st.lists(_FLOAT, min_size=7, max_size=7), max_size=40))
def test_pose_view_reads_what_a_gather_reads(rows):
    view = pose_view([_pose(r) for r in rows])
    assert view is not None
    assert np.array_equal(view, np.array(rows, dtype=np.float64).reshape(len(rows), 7))


def _hand(flags: int = 15, radius: float = 0.01, count: int = HAND_JOINT_COUNT) -> list[Joint]:
    return [Joint(_pose([0.0, 0.0, 0.0, 1.0, j / 100, 1.0, -0.5]), radius, flags) for j in range(count)]


def test_joint_view_reads_pose_radius_and_flags():
    members, flags = joint_view([_hand(), _hand(flags=3, radius=0.02)])
    assert members.shape == (2 * HAND_JOINT_COUNT, 8) and flags.dtype == np.int64
    assert members[1, 4] == 0.01 and members[HAND_JOINT_COUNT, 7] == 0.02
    assert flags[0] == 15 and flags[-1] == 3


def test_joint_view_declines_what_it_cannot_read_exactly():
    assert joint_view([_hand(), _hand(flags=128)]) is None  # a wider integer
    assert joint_view([_hand(), _hand(flags=-1)]) is None  # a negative fixint, same length
    assert joint_view([_hand(count=25), _hand(count=27)]) is None  # same total length, other shape
    assert pose_view([_pose([0.0] * 7), None]) is None


@given(st.lists(st.lists(_FLOAT, min_size=6, max_size=6), max_size=40))
def test_dof6_view_reads_the_axes_in_their_order(rows):
    view = dof6_view([Dof6(*r) for r in rows])
    assert view is not None
    assert np.array_equal(view, np.array(rows, dtype=np.float64).reshape(len(rows), 6))


def test_dof6_view_declines_a_missing_member():
    assert dof6_view([Dof6(*[0.0] * 6), None]) is None
