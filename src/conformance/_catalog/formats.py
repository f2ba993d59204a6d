"""The JSON Schema formats the harness checks, and how: one table of functions that
python-jsonschema (:mod:`conformance._catalog.schemas`, through :func:`format_checker`) and the
compiled validators (:mod:`conformance._catalog.compiled`) both call, so that the two decide every
format alike.

Nothing is imported here until a value is checked: a run whose documents name no format, or
whose documents are decided by the compiled validator alone, never imports python-jsonschema
(~60 ms of a start) nor the RFC 3986 validator (whose module compiles a large regex, ~6 ms).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import FormatChecker


def _date_time(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    from rfc3339_validator import validate_rfc3339

    # RFC 3339 section 5.6 allows a lower-case "t" and "z"; the validator wants upper case.
    return bool(validate_rfc3339(value.upper()))


def _uri(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    from rfc3986_validator import validate_rfc3986

    return bool(validate_rfc3986(value, rule="URI"))


def _uri_reference(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    from rfc3986_validator import validate_rfc3986

    return bool(validate_rfc3986(value, rule="URI_reference"))


#: format name -> whether a value conforms; every other format is not checked. Explicit
#: rather than jsonschema's default checker: that one checks whatever optional libraries
#: happen to be installed (so a verdict could depend on the environment), and with
#: ``rfc3987-syntax`` present merely importing it costs about a second.
FORMATS: dict[str, Callable[[Any], bool]] = {
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
