"""Notation the fourteenth reading of issue 76 found written two ways or in a programmer's form, set at rendering
as the rest of the draft writes it (the catalog's texts keep their words, as the earlier readings' passes do):

- an HTTP operation is one code value, 「`GET /assets`」, never a method and a path apart (「`GET` `/assets`」);
- an ITU recommendation or an ISO technical specification is cited by its number as clause 2 writes it,
  「ITU-R BT.709-6」, 「ISO/TS 19139」, not as a code value;
- a power is a superscript and a square root the radical sign, as GB 3102.11 writes them: 「X²」, 「1/√2」,
  「2√(a² + b²)」, not 「X^2」, 「1 / `sqrt` 2」 (the fourth reading's ``si_symbols`` covers units only).

Code values are left as they are: a caret inside one is the value's own."""

from __future__ import annotations

import re
from collections.abc import Callable

_OPERATION = re.compile(r"`(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)` `(/[^`\s]*)`")
_ITU = re.compile(r"\b(ITU-[RT]) `([A-Z]{1,3}\.\d+(?:[.-]\d+)*)`")
#: an ISO or IEC technical specification or report by its number (「`ISO/TS` 19139」, 「`ISO/TS` 15066:2016」)
_PREFIX = re.compile(r"`((?:ISO|IEC)(?:/IEC)?/(?:TS|PAS|TR))`(?= \d)")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: a letter, a closing bracket or a digit raised to a one-digit power (``a^2``, ``(order + 1)^2``)
_POWER = re.compile(r"(?<=[A-Za-z)\d*])\^(\d)(?![\d.])")
#: the square root as a function's name, set as a code value in Chinese text or plain in English
_ROOT = re.compile(r"(\d) ?/ ?`?sqrt`? ?(?=\d)|(\d)? ?`?\bsqrt`? ?(?=[(\d])")


def _outside_code(text: str, change: Callable[[str], str]) -> str:
    return "".join(part if part.startswith("`") else change(part) for part in re.split(r"(`[^`\n]*`)", text))


def _root(match: re.Match[str]) -> str:
    return f"{match.group(1)}/√" if match.group(1) else f"{match.group(2) or ''}√"


def notation(text: str) -> str:
    """``text`` with its operations, recommendations, powers and roots written as the draft writes them."""
    text = _PREFIX.sub(r"\1", _ITU.sub(r"\1 \2", _OPERATION.sub(r"`\1 \2`", text)))
    text = _ROOT.sub(_root, text)
    return _outside_code(text, lambda part: _POWER.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), part))
