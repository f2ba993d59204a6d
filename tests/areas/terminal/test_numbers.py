"""EEG and EMG values parsed in bulk from their JSON text (capture/numbers.py) are the very
doubles msgspec decodes, and a capture analysed that way gives what the typed decoder gives.
Both parsers are held to msgspec: NumPy's passes and the compiled one (``PARSERS``; the
compiled one's cases skip where it was not built). The properties draw each case once and hold
both parsers to it (:func:`_built`): hypothesis's drawing, not the parsing, is their time."""

from __future__ import annotations

import io
import json

import msgspec
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.terminal import analyse, reader
from conformance.areas.terminal.capture import memory, numbers
from conformance.areas.terminal.capture.numbers import number_rows, rows_in_batches
from conformance.areas.terminal.generate.capture import generate


class _Frame(msgspec.Struct):
    values: msgspec.Raw


_RAWS = msgspec.json.Decoder(list[_Frame]).decode
_FLOATS = msgspec.json.Decoder(list[list[float]]).decode


PARSERS = ["numpy", "compiled"]


def _parse(arrays: list[str], width: int, parser: str = "numpy") -> np.ndarray | None:
    raws = [frame.values for frame in _RAWS(("[" + ",".join(f'{{"values":{a}}}' for a in arrays) + "]").encode())]
    if parser == "numpy":
        return numbers.number_rows_numpy(raws, len(raws), width)
    if numbers.compiled_parser() is None:
        pytest.skip("the compiled number parser is not installed (no C compiler at install)")
    return number_rows(raws, len(raws), width)


def _built() -> list[str]:
    """The parsers a property holds to msgspec: the compiled one where it was built (the
    parametrized cases below show its skip where it was not)."""
    return PARSERS if numbers.compiled_parser() is not None else PARSERS[:1]


_decimal = st.builds(lambda sign, whole, frac, spaces: f"{spaces}{sign}{whole}{frac}",
                     st.sampled_from(["", "-"]), st.sampled_from(["0", "1", "9", "18", "187500", "12345678"]),
                     st.sampled_from(["", ".0", ".5", ".74", ".00", ".125", ".1234567", ".0000001"]),
                     st.sampled_from(["", "", "", " "]))
_number = st.one_of(
    _decimal,
    st.floats(allow_nan=False, allow_infinity=False).map(repr),  # shortest round-trip, exponents too
    st.integers(-(10**12), 10**12).map(str),
    st.floats(-1e6, 1e6).map(lambda x: f"{x:.3e}"),
)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9).flatmap(lambda w: st.tuples(st.just(w), st.lists(st.lists(_number, min_size=w, max_size=w),
                                                                            min_size=1, max_size=40))))
def test_the_same_doubles_as_msgspec(case):
    width, rows = case
    arrays = ["[" + ",".join(row) + "]" for row in rows]
    want = np.array(_FLOATS(("[" + ",".join(arrays) + "]").encode()), np.float64).reshape(len(rows), width)
    for parser in _built():
        got = _parse(arrays, width, parser)
        assert got is not None, parser
        assert got.tobytes() == want.tobytes(), parser  # bit for bit: -0.0 and 0.0 told apart


_unsigned = st.builds(lambda whole, frac, spaces: f"{spaces}{whole}{frac}",
                      st.sampled_from(["0", "1", "9", "18", "125", "187500", "12345678"]),
                      st.sampled_from(["", ".0", ".5", ".74", ".00", ".981", ".1234567"]),
                      st.sampled_from(["", "", "", " "]))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9).flatmap(lambda w: st.tuples(st.just(w), st.lists(
    st.lists(st.one_of(_unsigned, st.floats(0, 1e9).map(repr)), min_size=w, max_size=w), min_size=1, max_size=40))))
def test_the_same_doubles_as_msgspec_without_a_sign(case):
    """No "-" in the text (a luminance trace): the sign is not looked for."""
    width, rows = case
    arrays = ["[" + ",".join(row) + "]" for row in rows]
    want = np.array(_FLOATS(("[" + ",".join(arrays) + "]").encode()), np.float64).reshape(len(rows), width)
    for parser in _built():
        got = _parse(arrays, width, parser)
        assert got is not None, parser
        assert got.tobytes() == want.tobytes(), parser


_dotted = st.builds(lambda sign, whole, frac, spaces: f"{spaces}{sign}{whole}{frac}",
                    st.sampled_from(["", "-"]), st.sampled_from(["0", "1", "9", "18", "125", "187500", "12345678"]),
                    st.sampled_from([".0", ".5", ".74", ".00", ".981", ".1234567", ".0000001"]),
                    st.sampled_from(["", "", "", " "]))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9).flatmap(lambda w: st.tuples(st.just(w), st.lists(
    st.lists(st.one_of(_dotted, st.floats(-1e9, 1e9).map(lambda x: repr(x) if "e" not in repr(x) else "0.5")),
             min_size=w, max_size=w), min_size=1, max_size=40))))
def test_the_same_doubles_as_msgspec_every_number_with_a_point(case):
    """Every number holds a point (floats as generators write them): the point is not looked
    for number by number, and the doubles are still msgspec's."""
    width, rows = case
    seen: list[bool] = []
    decimals = numbers._decimals
    arrays = ["[" + ",".join(row) + "]" for row in rows]
    with pytest.MonkeyPatch.context() as patch:  # hypothesis: no function-scoped fixture
        patch.setattr(numbers, "_decimals", lambda *a: (seen.append(a[-1]), decimals(*a))[1])
        got = _parse(arrays, width)
    want = np.array(_FLOATS(("[" + ",".join(arrays) + "]").encode()), np.float64).reshape(len(rows), width)
    assert got is not None
    assert got.tobytes() == want.tobytes()
    assert seen and all(seen)  # the path under test was the one taken


def test_one_number_without_a_point_is_looked_for_number_by_number(monkeypatch):
    seen: list[bool] = []
    decimals = numbers._decimals
    monkeypatch.setattr(numbers, "_decimals", lambda *a: (seen.append(a[-1]), decimals(*a))[1])
    got = _parse(["[0.5,-0.25]", "[12,-0]", "[1.125,-3.5]"], 2)  # NumPy's passes
    assert got is not None and seen == [False]
    assert got.tobytes() == np.array([[0.5, -0.25], [12.0, 0.0], [1.125, -3.5]]).tobytes()


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 5), st.lists(st.lists(_decimal, min_size=5, max_size=5), min_size=1, max_size=60),
       st.integers(1, 12))
def test_rows_in_batches_are_the_rows_of_one_call(width, rows, batch):
    arrays = ["[" + ",".join(row[:width]) + "]" for row in rows]
    raws = [frame.values for frame in _RAWS(("[" + ",".join(f'{{"values":{a}}}' for a in arrays) + "]").encode())]
    whole = number_rows(raws, len(raws), width)
    old, numbers.PARSE_NUMBERS = numbers.PARSE_NUMBERS, batch
    try:
        got = rows_in_batches(raws, width)
    finally:
        numbers.PARSE_NUMBERS = old
    assert whole is not None and got is not None
    assert got.tobytes() == whole.tobytes()
    assert rows_in_batches(raws + [_RAWS(b'[{"values":[1,[2]]}]')[0].values], width) is None


@pytest.mark.parametrize("parser", PARSERS)
def test_minus_zero_as_msgspec_reads_it(parser):
    got = _parse(["[-0,-0.0,0,-0.00]"], 4, parser)
    assert got is not None
    assert np.signbit(got[0]).tolist() == [False, True, False, True]


@pytest.mark.parametrize("arrays, width", [
    (["[1,2]", "[[1,2]]"], 2),  # nested
    (["[1,2]", "[1,2,3]"], 2),  # a count unlike the channels'
    (["[1,2]", '["a",1]'], 2),  # a string
    (["[1,2]", "[true,1]"], 2),  # a literal
    (["[1,2]", '[1,{"a":1}]'], 2),  # an object
    (["[1,2]", "5"], 2),  # not an array
    (["[1]", "[]"], 1),  # empty
    (["[1]", "[ ]"], 1),  # empty, with a space (no number for the space to be)
    (["[1,2]", "[1e999,1]"], 2),  # beyond the doubles: msgspec refuses it
    (["[1,\t2]"], 2),  # other whitespace
])
@pytest.mark.parametrize("parser", PARSERS)
def test_refused_shapes(arrays, width, parser):
    assert _parse(arrays, width, parser) is None


def _analysis(data: bytes, text: bool, monkeypatch: pytest.MonkeyPatch) -> dict:
    parsed: list[bool] = []
    if text:
        def spy(*args):
            rows = rows_in_batches(*args)
            parsed.append(rows is not None)
            return rows
        monkeypatch.setattr(reader, "rows_in_batches", spy)
    else:
        monkeypatch.setattr(reader, "text_value_widths", lambda result: {})
    result = analyse(io.BytesIO(data), chunk_lines=700)
    monkeypatch.undo()
    if text:  # chunks of both kinds: parsed from the text, and refused (then decoded as before)
        assert any(parsed) and not all(parsed)
    (eeg,) = result.streams_of("eeg")
    return {
        "logs": {rule: ([str(f) for f in log.detailed], log.total) for rule, log in result.logs.items()},
        "checked": eeg.checked, "frames": eeg.frames, "saturated": eeg.signal.saturated.tolist(),
        "flat": [(f.value, f.count, f.where) for f in eeg.signal.flat],
    }


def _odd_capture(fault: str | None) -> bytes:
    """A generated capture whose values are written in other ways here and there, and with
    frames that do not decode: chunks take the text path and the typed one."""
    buffer = io.BytesIO()
    generate(buffer, "bci_headset", 30.0, [fault] if fault else [])
    lines = buffer.getvalue().decode().split("\n")
    for k in range(1, len(lines)):
        if '"values"' not in lines[k]:
            continue
        frame = json.loads(lines[k])
        if k % 97 == 0:
            frame["values"][1] = 1.23456789e-7  # an exponent
        if k % 89 == 0:
            frame["values"][2] = 123.456789012  # more than 8 bytes
        if k % 83 == 0:
            lines[k] = lines[k].replace(",", ", ")  # spaces
            continue
        if k == 4001:
            frame["values"][0] = "x"  # does not decode
        if k == 5001:
            frame["values"] = frame["values"][:7]  # a channel short
        lines[k] = json.dumps(frame, separators=(",", ":"))
    return "\n".join(lines).encode()


@pytest.mark.parametrize("fault", [None, "eeg-range", "eeg-flat", "eeg-saturated"])
def test_the_text_path_judges_as_the_typed_decoder(fault, monkeypatch):
    data = _odd_capture(fault)
    typed, text = _analysis(data, False, monkeypatch), _analysis(data, True, monkeypatch)
    assert text == typed
    assert typed["logs"]["structure"][1] == 2  # the frame that does not decode and the short one


def test_freed_memory_is_kept_while_reading_only(monkeypatch):
    calls: list[tuple[int, int]] = []
    monkeypatch.setattr(memory, "glibc_mallopt", lambda: lambda k, v: calls.append((k, v)) or 1)
    buffer = io.BytesIO()
    generate(buffer, "bci_headset", 1.0)
    buffer.seek(0)
    assert analyse(buffer).streams["eeg"].frames == 250
    assert calls == [(-3, 16 << 20), (-1, 64 << 20), (-3, 128 * 1024), (-1, 128 * 1024)]


def test_without_glibc_nothing_is_tuned(monkeypatch):
    monkeypatch.setattr(memory, "glibc_mallopt", lambda: None)
    buffer = io.BytesIO()
    generate(buffer, "bci_headset", 1.0)
    buffer.seek(0)
    assert analyse(buffer).streams["eeg"].frames == 250
