"""The JSON Schema formats the harness checks, and how: one table of functions that
python-jsonschema (:mod:`conformance._catalog.schemas`, through :func:`format_checker`) and the
compiled validators (:mod:`conformance._catalog.compiled`) both call, so that the two decide every
format alike.

Nothing is imported here until a value is checked: a run whose documents name no format, or
whose documents are decided by the compiled validator alone, never imports python-jsonschema
(~60 ms of a start) nor the RFC 3986 validator (whose module compiles a large regex, ~6 ms).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jsonschema import FormatChecker


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    from rfc3339_validator import validate_rfc3339

    # RFC 3339 section 5.6 allows a lower-case "t" and "z"; the validator wants upper case.
    return bool(validate_rfc3339(value.upper()))


def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return _rfc3986("URI").match(value) is not None


def _uri_reference(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return _rfc3986("URI_reference").match(value) is not None


@cache
def _rfc3986(rule: str) -> re.Pattern[str]:
    """rfc3986_validator's pattern for ``rule`` (what ``validate_rfc3986`` matches) with every
    repetition possessive. Python's re keeps a backtracking state for each pass of a repeated
    group, so the plain pattern peaked at ~140 bytes a character (a 3 MB URI: 430 MB). Each
    repetition there is followed by a character its own repeated part cannot match (a path
    segment by "/", "?" or "#", a query by "#", a scheme by ":"...), so giving characters back
    never makes a match: the possessive form matches the same strings (tests/_catalog/test_formats_lean.py
    compares the two on generated URIs) in memory that does not grow with the value."""
    import rfc3986_validator

    source = rfc3986_validator.URI_RE_COMP if rule == "URI" else rfc3986_validator.URI_REF_RE_COMP
    return re.compile(possessive(source.pattern), source.flags)


def possessive(pattern: str) -> str:
    """``pattern`` (verbose syntax allowed) with each ``*`` or ``+`` that follows a group or a
    character class made possessive (``*+``, ``++``); classes, escapes and comments are kept."""
    out: list[str] = []
    in_class = escaped = comment = closed = False  # closed: the last token ends a group or a class
    for index, char in enumerate(pattern):
        out.append(char)
        was_closed, closed = closed, False
        if comment:
            comment = char != "\n"
        elif escaped:
            escaped = False
        elif in_class:
            if char == "\\":
                escaped = True
            elif char == "]":
                in_class, closed = False, True
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "#":
            comment = True
        elif char == ")":
            closed = True
        elif char in "*+" and was_closed and pattern[index + 1:index + 2] not in ("+", "?"):
            out.append("+")
    return "".join(out)


#: format name -> whether a value conforms; every other format is not checked. Explicit
#: rather than jsonschema's default checker: that one checks whatever optional libraries
#: happen to be installed (so a verdict could depend on the environment), and with
#: ``rfc3987-syntax`` present merely importing it costs about a second.
FORMATS: dict[str, Callable[[object], bool]] = {
    "date-time": _date_time,
    "uri": _uri,
    "uri-reference": _uri_reference,
}


@cache
def format_checker() -> FormatChecker:
    """python-jsonschema's checker of exactly :data:`FORMATS` (built on first use)."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    for name, function in FORMATS.items():
        checker.checks(name)(function)
    return checker
