"""The compiled number parser (src/native/_conformance_numbers.c, built at install where a C
compiler is found) gives what NumPy's passes give (capture/numbers.py): the same doubles bit
for bit and None for the same texts, and the package works without it."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.terminal.capture import numbers


class _Frame(msgspec.Struct):
    values: msgspec.Raw


_RAWS = msgspec.json.Decoder(list[_Frame]).decode

_number = st.one_of(
    st.builds(lambda spaces, sign, whole, frac, after: f"{spaces}{sign}{whole}{frac}{after}",
              st.sampled_from(["", "", "", " ", "  "]), st.sampled_from(["", "", "-"]),
              st.sampled_from(["0", "1", "7", "42", "999", "187500", "12345678", "123456789"]),
              st.sampled_from(["", ".0", ".5", ".74", ".00", ".125", ".1234567", ".0000001", ".99999999"]),
              st.sampled_from(["", "", "", " "])),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.floats(-1e3, 1e3).map(lambda x: f"{x:.6f}"),
    st.floats(-1e6, 1e6).map(lambda x: f"{x:.3E}"),
    st.integers(-(10**12), 10**12).map(str),
)
#: what else a JSON value in the arrays' place may be: the shapes both parsers refuse
_other = st.sampled_from(['"a"', "true", "null", "[1,2]", '{"a":1}', "1e999", "[]"])


def _array(width: int) -> st.SearchStrategy[str]:
    items = st.lists(st.one_of(_number, _number, _number, _number, _number, _number, _number, _number, _other),
                     min_size=max(width - 1, 0), max_size=width + 1)
    return st.one_of(items.map(lambda xs: "[" + ",".join(xs) + "]"), items.map(lambda xs: "[" + ", ".join(xs) + " ]"),
                     _number)


def _raws(arrays: list[str]) -> list[msgspec.Raw]:
    return [frame.values for frame in _RAWS(("[" + ",".join(f'{{"values":{a}}}' for a in arrays) + "]").encode())]


def _compiled() -> None:
    if numbers.compiled_parser() is None:
        pytest.skip("the compiled number parser is not installed (no C compiler at install)")


@settings(max_examples=400, deadline=None)
@given(st.integers(1, 9).flatmap(lambda w: st.tuples(st.just(w), st.lists(_array(w), min_size=1, max_size=30))))
def test_the_compiled_parser_gives_numpys_doubles_and_refusals(case):
    _compiled()
    width, arrays = case
    raws = _raws(arrays)
    want = numbers.number_rows_numpy(raws, len(raws), width)
    got = numbers.number_rows(raws, len(raws), width)
    assert (got is None) == (want is None)
    if want is not None:
        assert got.tobytes() == want.tobytes()  # bit for bit: -0.0 and 0.0 told apart


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_number, min_size=4, max_size=4), min_size=1, max_size=20))
def test_into_a_slice_of_the_callers_rows(rows):
    """rows_in_batches parses into row slices of one array: the compiled parser writes there."""
    _compiled()
    raws = _raws(["[" + ",".join(row) + "]" for row in rows])
    whole = numbers.number_rows_numpy(raws, len(raws), 4)
    out = np.full((len(raws) + 2, 4), 7.0)
    got = numbers.number_rows(raws, len(raws), 4, out[1:-1])
    assert (got is None) == (whole is None)
    if whole is not None:
        assert out[1:-1].tobytes() == whole.tobytes() and (out[[0, -1]] == 7.0).all()


def test_the_first_number_of_a_short_text_and_the_lone_digit():
    """Numbers in the first 8 bytes of the text (no word before them) and one-byte arrays."""
    _compiled()
    for arrays, width in ((["[1]"], 1), (["[-5]", "[0]"], 1), (["[0.5,2]"], 2), (["[ 7]", "[8 ]"], 1)):
        raws = _raws(arrays)
        got, want = (parse(raws, len(raws), width) for parse in (numbers.number_rows, numbers.number_rows_numpy))
        assert got is not None and want is not None and got.tobytes() == want.tobytes()


def test_without_the_compiled_parser_numpys_is_used(monkeypatch):
    """Where no compiler was found at install, the module is missing: NumPy parses."""
    called: list[int] = []
    numpy_rows = numbers.number_rows_numpy
    monkeypatch.setattr(numbers, "_compiled", None)
    monkeypatch.setattr(numbers, "number_rows_numpy", lambda *a: (called.append(1), numpy_rows(*a))[1])
    got = numbers.number_rows(_raws(["[0.5,-0.25]", "[12,-0]"]), 2, 2)
    assert called and got is not None
    assert got.tobytes() == np.array([[0.5, -0.25], [12.0, 0.0]]).tobytes()


def test_a_missing_module_is_looked_for_once(monkeypatch):
    tries = []

    def refuse(name, *args, **kwargs):
        tries.append(name)
        raise ImportError(name)

    monkeypatch.setattr(numbers, "_compiled", False)
    monkeypatch.setattr(numbers.importlib, "import_module", refuse)
    assert numbers.compiled_parser() is None and numbers.compiled_parser() is None
    assert tries == ["_conformance_numbers"]
