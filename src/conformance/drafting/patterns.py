"""A schema's regular expression as the annexes print it (fortieth reading b3).

The schemas end some patterns in ``$(?!\\n)`` because Python's ``re`` lets ``$`` match before a trailing
newline; in ECMA-262, the dialect JSON Schema 2020-12 reads patterns in (and the one annexes D and E
name), the look-ahead is a no-op. The annexes state the rule, not one tool's work-around, so the suffix is
dropped when printed; the schemas, and so the validator's behaviour, keep it.

A Markdown code span cannot hold a backtick, so a pattern's backtick is printed as the escape ``\\x60``, which
ECMA-262 reads as the same character, in a class or out of one (fifty-fifth reading ax2: it was printed as ``'``,
a pattern that rejected what the schema accepts)."""

from __future__ import annotations

import json

#: the work-around's text as a pattern holds it
PYTHON_END_GUARD = "$(?!\\n)"
#: the backtick as an ECMA-262 pattern can also write it (a hexadecimal escape)
BACKTICK_ESCAPE = "\\x60"


def ecma(pattern: str) -> str:
    """``pattern`` without the Python-only end guard and with its backticks escaped (an ECMA-262 pattern
    reads the same)."""
    return pattern.replace(PYTHON_END_GUARD, "$").replace("`", BACKTICK_ESCAPE)


def code(value: object) -> str:
    """A schema's value as code in a table cell (a JSON value other than a string in its JSON form)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "`" + text.replace("`", "'") + "`"
