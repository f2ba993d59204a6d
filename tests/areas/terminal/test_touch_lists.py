"""The touch, touch_indenter and indenter streams' short members parsed a chunk at a time (capture/lists.py) keep
exactly what the struct decoder's frames give, whatever the lists hold (none, one, three records; numbers written
as integers or with exponents); a list not of the layout (keys in another order, an extension member, a space)
sends the chunk back to the struct decoder, which judges it as before. The tactile array's crosstalk decides
"farther than FAR_MM" as np.hypot does, also at exactly that distance."""

from __future__ import annotations

import io

import msgspec
import numpy as np
import pytest

from conformance.areas.terminal import analyse, reader
from conformance.areas.terminal.capture import lists
from conformance.areas.terminal.capture.templates import LineTemplates
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.generate.touch import DURATION_S
from conformance.areas.terminal.tactile import _farther

_RAWS = msgspec.json.Decoder(list[msgspec.Raw])

#: (what a frame holds, what replaces it): records the layout reads, and lists it leaves to the struct decoder
READ = [(b'"contacts":[]', b'"contacts":[{"position_mm":[1,2],"force_n":1}]'),
        (b'"contacts":[]', b'"contacts":[{"position_mm":[1.5,-0.0],"force_n":0.1},{"position_mm":[2.5,3.5],'
                           b'"force_n":0.2},{"position_mm":[9.5,2.5],"force_n":0.3}]'),  # summed in this order
        (b'"contacts":[]', b'"contacts":[{"position_mm":[0.5,0.5],"force_n":-0.0}]'),
        (b'"contacts":[]', b'"contacts":[{"position_mm":[1e-7,2E2],"force_n":1.5e-3}]'),
        (b'"tips_mm":[[7.5,7.5]]', b'"tips_mm":[]'),
        (b'"tips_mm":[[7.5,7.5]]', b'"tips_mm":[[1,2],[3,4],[5,6]]')]
LEFT = [(b'"contacts":[]', b'"contacts":[{"force_n":0.5,"position_mm":[3.5,4.5]}]'),
        (b'"contacts":[]', b'"contacts":[{"position_mm":[1.5,2.5],"force_n":0.1,"x-q":1}]'),
        (b'"contacts":[]', b'"contacts":[ ]')]


@pytest.fixture(scope="module")
def bench() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "touch_bench", DURATION_S)
    return buffer.getvalue()


def _changed(capture: bytes, pairs: list[tuple[bytes, bytes]]) -> bytes:
    """The capture with each pair's first text replaced in turn, on frames that hold it."""
    lines, k = capture.split(b"\n"), 0
    for i in range(1, len(lines)):
        old, new = pairs[k % len(pairs)]
        if old in lines[i]:
            lines[i], k = lines[i].replace(old, new), k + 1
    return b"\n".join(lines)


def _kept(capture: bytes) -> dict[str, dict[str, bytes]]:
    analysis = analyse(io.BytesIO(capture))
    return {sid: {name: stats.touch.column(name).tobytes() for name in ("t", "line", *stats.touch.read)}
            for sid, stats in analysis.streams.items()}


def test_the_columns_are_the_struct_decoders_bit_for_bit(bench, monkeypatch):
    for pairs in (READ, READ + LEFT):
        capture = _changed(bench, pairs)
        parsed = _kept(capture)
        with monkeypatch.context() as m:
            m.setattr(reader, "touch_columns", lambda bucket: None)  # every chunk decoded into structs
            m.setattr(LineTemplates, "read", lambda self, blocks, start: None)  # not read as whole lines either
            assert _kept(capture) == parsed


def test_a_list_of_the_layout_is_read_and_any_other_left_to_the_structs():
    got = lists.record_lists(_RAWS.decode(b'[[],[[1.0,2.0]],[[1,2],[3e1,-4.5]],[]]'), lists._tips, ord("["))
    assert got is not None
    counts, groups = got
    assert counts.tolist() == [0, 1, 2, 0] and groups[2][1].tolist() == [[1.0, 2.0, 30.0, -4.5]]
    for other in (b'[[[1.0,2.0]],[ ]]', b'[[[1.0,2.0]],[[1.0, 2.0]]]', b'[[[1.0,2.0]],{}]', b'[[[1.0,2.0]],[1.0]]'):
        assert lists.record_lists(_RAWS.decode(other), lists._tips, ord("[")) is None, other


def test_farther_decides_as_hypot_does():
    column_x = row_y = np.arange(6) * 5.0
    grid = np.arange(-40, 80) * 0.25  # centroids on a quarter-mm grid: many exactly 10 mm from a taxel
    cx, cy = (v.ravel() for v in np.meshgrid(grid, grid))
    rng = np.random.default_rng(7)
    extreme = rng.normal(size=(2, 4000)) * np.repeat([1e-300, 1e-3, 10.0, 1e200], 1000)
    near = 10.0 + np.array([-1e-12, -3.6e-15, -1.8e-15, 0.0, 1.8e-15, 3.6e-15, 1e-12])  # a unit in the last place
    edge = np.array([np.concatenate([5.0 - near, 5.0 + near, np.full(7, 5.0)]),
                     np.concatenate([np.full(14, 10.0), 10.0 + near])])  # each a hair from 10 mm of a taxel
    special = np.array([[np.nan, np.inf, -np.inf, 10.0, 0.0, np.inf], [0.0, 0.0, 1.0, np.nan, 10.0, np.nan]])
    with np.errstate(over="ignore"):
        for x, y in ((cx, cy), edge, extreme, special):
            dx, dy = column_x[None, :] - x[:, None], row_y[None, :] - y[:, None]
            hypot = np.hypot(np.tile(dx, 6), np.repeat(dy, 6, axis=1)) > 10.0
            assert np.array_equal(_farther(dx, dy, 10.0), hypot)
