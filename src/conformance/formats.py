"""The JSON Schema formats the harness checks, and how: one checker that python-jsonschema
(:mod:`conformance.schemas`) and the compiled validators (:mod:`conformance.compiled`) both
call, so that the two decide every format alike."""

from __future__ import annotations

from jsonschema import FormatChecker


def _format_checker() -> FormatChecker:
    """The formats the catalog's schemas use, each checked by a library made for it.

    Explicit rather than jsonschema's default checker: that one checks whatever optional
    libraries happen to be installed (so a verdict could depend on the environment), and
    with ``rfc3987-syntax`` present merely importing it costs about a second.
    """
    from rfc3339_validator import validate_rfc3339
    from rfc3986_validator import validate_rfc3986

    checker = FormatChecker(formats=())
    # RFC 3339 section 5.6 allows a lower-case "t" and "z"; the validator wants upper case.
    checker.checks("date-time")(lambda value: not isinstance(value, str) or validate_rfc3339(value.upper()))
    checker.checks("uri")(lambda value: not isinstance(value, str) or validate_rfc3986(value, rule="URI"))
    checker.checks("uri-reference")(
        lambda value: not isinstance(value, str) or validate_rfc3986(value, rule="URI_reference"))
    return checker


FORMAT_CHECKER = _format_checker()
