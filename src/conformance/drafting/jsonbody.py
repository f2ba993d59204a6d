"""A request or response body the text writes as a JSON object (「请求体 {"to": B 的 DID}」) is one code value:
`{"to": B 的 DID}`, the values written in words inside it, as the cases that write the span themselves do
(IF-CODE-005/-006 step 2). Marking each member name by itself ({`"to"`: DID}) gave the draft two forms for one
kind of thing (GB/T 1.1-2020; thirtieth reading, row a4)."""

from __future__ import annotations

import re

#: an object opens with a member name in quotation marks; the text outside code spans only
_OPEN = re.compile(r'\{"')


def json_objects(text: str) -> str:
    """``text`` with each JSON object written outside a code span (braces balanced, on one line, no code span
    inside) marked as one code value; an object not closed on its line is left as it is."""
    return "".join(part if part.startswith("`") else _marked(part) for part in re.split(r"(`[^`]*`)", text))


def _marked(text: str) -> str:
    out, pos = [], 0
    for match in _OPEN.finditer(text):
        if match.start() < pos:
            continue  # inside an object already marked (a nested one)
        end = _closing(text, match.start())
        if end is None:
            continue
        out.append(text[pos:match.start()] + f"`{text[match.start():end]}`")
        pos = end
    return "".join(out) + text[pos:]


def _closing(text: str, start: int) -> int | None:
    """The end of the object opening at ``start`` (just past its closing brace), or None."""
    depth, quoted = 0, False
    for i in range(start, len(text)):
        char = text[i]
        if char == "\n":
            return None
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "{":
            depth += 1
        elif not quoted and char == "}":
            depth -= 1
            if not depth:
                return i + 1
    return None
