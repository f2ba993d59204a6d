"""One strict reader for signed JSON: certificates, status lists, DSSE envelopes and their
payloads, the run reports a verifier reads.

A signature covers bytes, or a canonical form of what one parser made of them; a document
two parsers read differently is a second document under the same signature (a parser
differential). So a signed document is accepted only when every JSON parser reads it the
same way (RFC 8259 section 4 leaves duplicate names to the parser; I-JSON, RFC 7493, rules
them out with the rest of what follows):

- no object with the same member name twice (one parser keeps the first, another the last);
- no lone surrogate (``"\\ud800"``), in a string or a member name: not a Unicode string;
- numbers that every parser reads as the same value: finite (no NaN, no Infinity) and an
  integer no larger in magnitude than 2^53 - 1 (beyond it a double, what JavaScript and most
  JSON parsers use, rounds it: orjson itself turns an integer beyond 64 bits into a float).
  A run's report, which the harness writes with the 64-bit integers a manifest may set and
  binds by its bytes' sha256, is read with ``max_integer=INT64`` (:data:`MAX_REPORT_INTEGER`).

Leading zeros, a ``+`` sign and other non-JSON forms are refused by the parser itself. A
refusal is :class:`NotStrictJSON`, naming the place as a JSON path (``$.credentialSubject``)
or, for bytes that are not JSON at all, the parser's line and column.

Cost: orjson parses first, for its verdict only (it refuses invalid UTF-8, lone surrogates
and non-finite numbers quickly, and bounds nesting); the standard library's C scanner then
reads the same bytes into the document returned, with a hook per object (a ``dict`` of its
pairs, compared in length) and, when the bytes hold a run of digits as long as the bound's,
per integer (its digits counted): what finds duplicates and unsafe integers. Only when
something is wrong is the document read a third time, slowly, to name the place. A 10 MB
report: some 0.2 to 0.4 s more than orjson alone, two to three times it (bench/strict_json.py).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

import orjson

from ..errors import json_path
from .printable import clipped

#: The largest integer magnitude every JSON parser reads exactly (I-JSON, RFC 7493 2.2).
MAX_SAFE_INTEGER = 2**53 - 1
#: The largest in a run's report: what a manifest may set and the harness writes (64 bits).
MAX_REPORT_INTEGER = 2**63 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")


class NotStrictJSON(ValueError):
    """Bytes a verifier refuses: ``path`` the place (keys and indices; None when the bytes
    are not JSON at all) and ``problem`` what is wrong there."""

    def __init__(self, path: tuple[str | int, ...] | None, problem: str) -> None:
        self.path = None if path is None else tuple(_shown(p) if isinstance(p, str) else p for p in path)
        self.problem = problem
        super().__init__(self.text())

    @property
    def where(self) -> str:
        """The place as a JSON path (``$.a[0]``), or ``""`` when there is none."""
        return "" if self.path is None else json_path(self.path)

    def text(self) -> str:
        return f"at {self.where}: {self.problem}" if self.path is not None else self.problem


class _Problem(Exception):
    """Raised from the standard library's hooks: something is wrong, the slow pass says where."""


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    members = dict(pairs)
    if len(members) != len(pairs):
        raise _Problem
    return members


def _integers(limit: int) -> Callable[[str], int]:
    """The standard library's hook for an integer's digits: its value, :class:`_Problem` beyond ``limit``."""
    short = len(str(limit)) - 1  # digits that never exceed it: no comparison

    def integer(digits: str) -> int:
        if len(digits) > short and (len(digits) > short + 2 or abs(int(digits)) > limit):
            raise _Problem  # never int() of thousands of digits (Python refuses beyond 4 300)
        return int(digits)

    return integer


#: Every ASCII digit as "0", every other byte as "x": a run of digits is a run of zeros.
_DIGIT_RUNS = bytes(48 if 48 <= i <= 57 else 120 for i in range(256))
_INTEGERS = {MAX_SAFE_INTEGER: _integers(MAX_SAFE_INTEGER), MAX_REPORT_INTEGER: _integers(MAX_REPORT_INTEGER)}


def loads(data: bytes | str, *, max_integer: int = MAX_SAFE_INTEGER) -> Any:
    """``data`` parsed, when it is strict JSON (see the module) with no integer beyond
    ±``max_integer``; :class:`NotStrictJSON` otherwise."""
    try:
        orjson.loads(data)  # only the verdict: the document is the one read below (one in memory at a time)
    except orjson.JSONDecodeError as exc:
        raise _locate(data, max_integer) or NotStrictJSON(None, f"not JSON ({exc})") from None
    # an integer beyond the bound has as many digits in a row as the bound has, at least: without
    # such a run (found in C, a table and a search), the integers need no hook
    digits = len(str(max_integer))
    run = b"0" * digits in data.translate(_DIGIT_RUNS) if isinstance(data, bytes) else True
    try:
        return json.loads(data, object_pairs_hook=_pairs,
                          parse_int=(_INTEGERS.get(max_integer) or _integers(max_integer)) if run else None)
    except _Problem:
        raise _locate(data, max_integer) or NotStrictJSON(None, "read differently by two parsers") from None
    except (ValueError, RecursionError) as exc:  # orjson accepted it: not expected
        raise NotStrictJSON(None, f"not JSON ({exc})") from None


class _Members(dict):  # type: ignore[type-arg]
    """An object as the slow pass reads it: the first member name it has twice, if any."""

    duplicate: str | None = None


class _Unsafe:
    """An integer beyond MAX_SAFE_INTEGER, as the slow pass reads it (its digits)."""

    def __init__(self, digits: str) -> None:
        self.digits = digits


def _members(pairs: list[tuple[str, object]]) -> _Members:
    members = _Members(pairs)
    if len(members) != len(pairs):
        seen: set[str] = set()
        members.duplicate = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return members


def _locate(data: bytes | str, limit: int) -> NotStrictJSON | None:
    """The first problem in document order, read by the standard library with hooks that
    mark it (None when that reader refuses the bytes too: they are not JSON)."""
    within = _integers(limit)

    def unsafe(digits: str) -> int | _Unsafe:
        try:
            return within(digits)
        except _Problem:
            return _Unsafe(digits)

    try:
        document = json.loads(data, object_pairs_hook=_members, parse_int=unsafe)
    except (ValueError, RecursionError):
        return None
    stack: list[tuple[object, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            duplicate = getattr(node, "duplicate", None)
            if duplicate is not None:
                return NotStrictJSON((*path, duplicate), f"the member \"{_shown(duplicate)}\" appears more than once "
                                     "(parsers disagree on which one counts)")
            for key in node:
                if _SURROGATE.search(key):
                    return NotStrictJSON((*path, _shown(key)), "a member name with a lone surrogate "
                                         "(not a Unicode string)")
            stack.extend((node[k], (*path, k)) for k in reversed(list(node)))
        elif isinstance(node, list):
            stack.extend((node[i], (*path, i)) for i in reversed(range(len(node))))
        elif isinstance(node, str):
            if _SURROGATE.search(node):
                return NotStrictJSON(path, "a string with a lone surrogate (not a Unicode string)")
        elif isinstance(node, _Unsafe):
            return NotStrictJSON(path, f"the integer {_digits(node.digits)} is beyond "
                                 f"{'±(2^53 - 1)' if limit == MAX_SAFE_INTEGER else f'±{limit}'}, where JSON parsers "
                                 "disagree on its value")
        elif isinstance(node, float) and not math.isfinite(node):
            return NotStrictJSON(path, f"{node} is not a JSON number")
    return None


def _shown(text: str) -> str:
    """A member name as a message shows it: lone surrogates escaped, at most 200 characters."""
    return clipped(text.encode("utf-8", "backslashreplace").decode("utf-8"))


def _digits(digits: str) -> str:
    return digits if len(digits) <= 40 else f"{digits[:20]}… ({len(digits)} characters)"
