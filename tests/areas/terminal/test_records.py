"""Poses and hand joints parsed from their JSON text (capture/records.py, the compiled
``parse_records``) give what msgspec's structs give, bit for bit, or nothing: then the chunk
is decoded into structs and judged as before, so the findings are those of the struct path."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conformance.areas.terminal.capture import records
from conformance.areas.terminal.capture.columns import joint_view, pose_view
from conformance.areas.terminal.capture.frames import HAND_JOINT_COUNT, Joint, Pose
from conformance.areas.terminal.hand import bone_drifts
from tests.areas.terminal.text_path import assert_judged_alike, both_paths, capture, compiled, edit_frame


class _Raws(msgspec.Struct):
    member: msgspec.Raw


class _Poses(msgspec.Struct):
    member: Pose


class _Joints(msgspec.Struct):
    member: list[Joint]


def _raws(texts: list[str]) -> list[msgspec.Raw]:
    return [r.member for r in msgspec.json.Decoder(list[_Raws]).decode(_frames(texts))]


def _frames(texts: list[str]) -> bytes:
    return ("[" + ",".join(f'{{"member":{t}}}' for t in texts) + "]").encode()


#: numbers msgspec reads into a float (repr round trips, fixed and exponent forms, integers
#: of any size, -0, underflow, more digits than a double holds)
_number = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.floats(-2, 2).map(lambda x: f"{x:.6f}"),
    st.floats(-1e6, 1e6).map(lambda x: f"{x:.3E}"),
    st.integers(-(10**20), 10**20).map(str),
    # 16 to 19 significant digits, up to 24 after the point (the compiled parser's 128-bit division)
    st.tuples(st.integers(10**15, 10**19 - 1), st.integers(0, 24), st.sampled_from(["", "-"])).map(
        lambda t: f"{t[2]}{t[0] // 10**t[1]}.{t[0] % 10**t[1]:0{t[1]}d}" if t[1] else f"{t[2]}{t[0]}"),
    st.sampled_from(["-0", "-0.0", "0", "1e-400", "-1e-400", "0.1000000000000000055511151231257827",
                     "9007199254740993", "9007199254740993.0", "9007199254740995.0", "123456789.123456789",
                     "-0.158647", "1E+2"]),
)
_flags = st.one_of(st.integers(0, 255), st.integers(0, 10**18 - 1)).map(str)
#: one place made odd: another type, whitespace, out of the double range; for an integer
#: also negative, fractional, wider than the fast path reads
_ODD = ['"1"', "true", "null", "[1]", "{}", " 1", "1 ", "1e400", "-1e400"]
_ODD_INTEGER = [*_ODD, "-3", "15.0", "1e1", "1000000000000000000", str(2**64)]


def _pose(numbers: list[str]) -> str:
    x, y, z, w, px, py, pz = numbers
    return f'{{"orientation":{{"x":{x},"y":{y},"z":{z},"w":{w}}},"position":{{"x":{px},"y":{py},"z":{pz}}}}}'


def _joint(numbers: list[str]) -> str:
    return f'{{"pose":{_pose(numbers[:7])},"radius":{numbers[7]},"flags":{numbers[8]}}}'


def _expected(texts: list[str], struct: type[msgspec.Struct]) -> list[object] | None:
    """The structs msgspec decodes, or None where it refuses one (e.g. a number out of range)."""
    try:
        return [f.member for f in msgspec.json.Decoder(list[struct]).decode(_frames(texts))]
    except msgspec.DecodeError:
        return None


def _odd_one(rows: list[list[str]], odd: tuple[int, int, int] | None, integers: int = -1) -> bool:
    """Put ``odd`` (row, place, which odd text) into ``rows``: whether it was put (an
    integer's place, every ``integers``-th, takes the integer's odd texts)."""
    if odd is None:
        return False
    row, place, text = odd
    numbers = rows[row % len(rows)]
    place %= len(numbers)
    choices = _ODD_INTEGER if integers > 0 and place % integers == integers - 1 else _ODD
    numbers[place] = choices[text % len(choices)]
    return True


_place = st.none() | st.tuples(st.integers(0, 50), st.integers(0, 300), st.integers(0, 50))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_number, min_size=7, max_size=7), min_size=1, max_size=6), _place, st.booleans())
def test_poses_parsed_from_text_are_msgspecs_doubles(rows, odd, reordered):
    compiled()
    made_odd = _odd_one(rows, odd)
    texts = [_pose(r) for r in rows]
    if reordered:  # another key order: valid JSON msgspec reads, never the fast path's
        texts = [t.replace('"x":', '"q":', 1).replace('"y":', '"x":', 1).replace('"q":', '"y":', 1) for t in texts]
    decoded = _expected(texts, _Poses)
    got = records.parse_records(_raws(texts), records.POSE)
    if made_odd or reordered:
        assert got is None
        return
    want = pose_view(decoded)
    assert got is not None and want is not None
    assert got[0].view(np.uint64).tolist() == want.view(np.uint64).tolist()


_joint_numbers = st.tuples(st.lists(_number, min_size=8, max_size=8), _flags).map(lambda t: [*t[0], t[1]])
#: a hand frame: a drawn run of joints repeated to the hand's count. A run of 26 is any frame, so no
#: frame is out of reach; hypothesis draws runs of about six joints, a quarter of the draws (and of
#: the mutations of long examples) that 26 joints drawn one by one cost, which was this test's time
_hand_frame = st.lists(_joint_numbers, min_size=1, max_size=HAND_JOINT_COUNT).map(
    lambda run: [run[k % len(run)] for k in range(HAND_JOINT_COUNT)])


# hypothesis found it in CI: a 20-digit integer that wraps a 64-bit accumulator to 0 (2**65)
_WRAPPING = [[["0.0"] * 7 + (["-36893488147419103232"] if k == 24 else ["0.0"]) + ["0"]
              for k in range(HAND_JOINT_COUNT)]]


@settings(max_examples=100, deadline=None)
@given(st.lists(_hand_frame, min_size=1, max_size=3), _place, st.sampled_from([0, 0, 0, -1, 1]))
@example(_WRAPPING, None, 0)
def test_hand_joints_parsed_from_text_are_msgspecs_members(frames, odd, count):
    compiled()
    frames[0] = frames[0][:HAND_JOINT_COUNT + count] if count < 0 else frames[0] + frames[0][:count]
    flat = [[n for j in joints for n in j] for joints in frames]
    made_odd = _odd_one(flat, odd, integers=9)
    texts = ["[" + ",".join(_joint(numbers[9 * k:9 * k + 9]) for k in range(len(numbers) // 9)) + "]"
             for numbers in flat]
    decoded = _expected(texts, _Joints)
    got = records.parse_records(_raws(texts), records.JOINTS)
    if made_odd or count:
        assert got is None
        return
    assert decoded is not None and got is not None
    floats = np.array([[*(getattr(j.pose.orientation, a) for a in "xyzw"),
                        *(getattr(j.pose.position, a) for a in "xyz"), j.radius] for joints in decoded for j in joints])
    assert got[0].reshape(-1, 8).view(np.uint64).tolist() == floats.view(np.uint64).tolist()
    assert got[1].reshape(-1).tolist() == [j.flags for joints in decoded for j in joints]
    view = joint_view(decoded)
    if view is not None:  # the structs' other fast path agrees
        assert got[0].reshape(-1, 8).view(np.uint64).tolist() == view[0].view(np.uint64).tolist()


def _break_hand(data: bytes, how: str) -> bytes:
    """The 40th hand frame made malformed: a joint short, a radius a string, a pose missing."""
    def edit(frame: dict) -> None:
        if how == "count":
            frame["joints"].pop()
        elif how == "not-a-number":
            frame["joints"][3]["radius"] = "wide"
        else:
            del frame["joints"][5]["pose"]
    return edit_frame(data, b'"joints"', edit)


@pytest.mark.parametrize("case", [["bone-stretch"], ["hand-radius"], ["hand-inactive-valid"], ["out-of-volume"],
                                  ["denormalized"], ["gaze-flags"], "count", "not-a-number", "missing"])
def test_a_capture_parsed_from_text_is_judged_as_decoded_into_structs(case, monkeypatch):
    compiled()
    data = capture("vr_headset", case, 3.0) if isinstance(case, list) else _break_hand(
        capture("vr_headset", [], 3.0), case)
    fast, plain, parsed = both_paths(data, monkeypatch, "parse_records")
    assert any(p is not None for p in parsed)  # the text path was taken
    if not isinstance(case, list):
        assert None in parsed  # ... and refused the chunk with the malformed frame
    assert_judged_alike(fast, plain, bone_drifts)  # TD-HAND-002's lengths, judged after the pass
    # every fault is found (a stretched bone by its drift, judged after the pass)
    drifts = [d.worst_m for s in fast.streams.values() for d in bone_drifts(s) or []]
    assert any(log.total for log in fast.logs.values()) or max(drifts) > 0.01
    if not isinstance(case, list):
        pointer = {"count": "/joints", "not-a-number": "/joints/3/radius", "missing": "/joints/5/pose"}[case]
        assert pointer in [f.pointer for f in fast.logs["structure"].detailed]
