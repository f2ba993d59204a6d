"""Text shown on a terminal, made harmless: a vendor's file name, a target's message or a
product name can hold escape sequences (ESC [ 2 J, OSC 52...), carriage returns, backspaces
or bidirectional overrides, which a terminal would obey. :func:`printable` writes each such
character as a visible escape (``\\x1b``, ``\\r``, ``\\u202e``) so what is shown is what
the text holds. Every line the command prints from data it did not write itself goes
through it (the console's summaries can call it too)."""

from __future__ import annotations

import contextlib
import reprlib
import sys

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
#: C0 controls, DEL and C1 controls; and the bidirectional embeddings, overrides and isolates
#: (Trojan Source, CVE-2021-42574) with the marks that reorder text invisibly.
_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]
_FORMATS = [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TABLE = {
    **{code: f"\\x{code:02x}" for code in _CONTROLS},
    **{code: f"\\u{code:04x}" for code in _FORMATS},
    **{ord(char): escape for char, escape in _NAMED.items()},
}


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as a visible escape; with
    ``keep_newlines``, line feeds stay (text of several lines)."""
    if keep_newlines:
        return "\n".join(line.translate(_TABLE) for line in text.split("\n"))
    return text.translate(_TABLE)


def say(line: str) -> None:
    """One line on stderr, its control characters escaped; a stderr that fails is ignored."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(printable(line) + "\n")
        sys.stderr.flush()


#: The most characters of a value a message quotes.
EXCERPT_CHARS = 200


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """``value`` as a message quotes it: its ``repr`` when short; a longer text, its first
    ``limit`` characters and its length; a collection, shortened the same way. Never builds
    the whole ``repr`` of a large value (memory stays proportional to ``limit``)."""
    if isinstance(value, str):
        return _text(value, limit)
    if isinstance(value, int) and value.bit_length() > 4 * limit:  # repr() of 5 000 digits fails
        return f"an integer of {value.bit_length()} bits"
    shortened = _Excerpt(limit)
    try:
        text = shortened.repr(value)
    except ValueError:  # an integer of thousands of digits nested in it
        return f"a {type(value).__name__} holding an integer too long to show"
    return text if len(text) <= 4 * limit else text[: 4 * limit] + f"… ({len(text)} characters shown so far)"


def clipped(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` as it is when short; else its first ``limit`` characters and its length."""
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"


def _text(value: str, limit: int) -> str:
    return repr(value) if len(value) <= limit else f"{value[:limit]!r}… ({len(value)} characters)"


class _Excerpt(reprlib.Repr):
    """reprlib's bounded ``repr``, a long text cut as :func:`excerpt` cuts it."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.maxlevel = 4
        self.maxdict = self.maxlist = self.maxtuple = self.maxset = 10
        self.maxstring = self.maxlong = self.maxother = limit

    def repr_str(self, x: str, level: int) -> str:
        return _text(x, self.limit)
