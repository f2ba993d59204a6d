"""NDJSON exports (one JSON value per line), read line by line with the harness's caps.

A line that is not JSON, is too deep or too long is reported with its line number and the
reading goes on: one bad line never hides the rest of an export. Blank lines are skipped,
as NDJSON readers commonly do. Memory stays flat: one line at a time.

The framing annex E's general clause states for every NDJSON file the cases read (the capture, the asset
history, the robot records: fifty-first reading, a4): a line ends at a line feed, a carriage return before it
is JSON white space of that line, and a line of nothing but JSON white space (RFC 8259 section 2) is blank. A
lone carriage return ends no line, and a form feed makes a line no JSON text, not a blank one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import orjson

from .._io.parsing import DEFAULT_MAX_DEPTH, parse_json
from ..errors import NonConformance
from ..messages import msg, reason

MAX_LINE_BYTES = 1 << 20
#: RFC 8259 section 2's white space: space, horizontal tab, line feed, carriage return
JSON_WHITE_SPACE = b" \t\n\r"


def blank(line: bytes | memoryview) -> bool:
    """Whether ``line`` holds nothing but JSON white space (``bytes.strip()`` would also drop a vertical tab or a
    form feed, which no JSON text may hold)."""
    return not bytes(line).strip(JSON_WHITE_SPACE)


@dataclass(frozen=True)
class Line:
    """One non-blank line: its number (from 1) and its value, or why it has none."""

    number: int
    value: Any = None
    error: str | None = None


def read_lines(stream: IO[bytes], *, what: str) -> Iterator[Line]:
    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the overlong line
            yield Line(number, error=msg("codecs.ndjson-line-too-long", number=number, limit=MAX_LINE_BYTES))
            continue
        if blank(raw):
            continue
        if raw.count(b"{") + raw.count(b"[") <= DEFAULT_MAX_DEPTH:
            # Too few brackets to nest past the cap: no depth walk needed (most lines).
            try:
                yield Line(number, orjson.loads(raw))
                continue
            except orjson.JSONDecodeError:
                pass  # parse_json words the error
        try:
            yield Line(number, parse_json(raw, what=msg("codecs.ndjson-line", what=what, number=number)))
        except NonConformance as exc:
            # The exception's own message, not str(exc): a template message keeps its key.
            yield Line(number, error=reason(exc))
