"""What a console line quotes of a product's answers: the first line of an RFC 9457 problem (or
of a JSON error body that is none), and the ``curl`` command that repeats each request, by the
input (exchange) a finding is about. The report keeps the whole bodies."""

from __future__ import annotations

from typing import Any

import orjson

from .._record.grouping import input_of

#: The longest problem line the console shows (the report keeps the whole body).
MAX_PROBLEM = 200


def problem_line(response: object) -> str | None:
    """The first line of an RFC 9457 problem body (``title: detail``), None when the answer
    carries none: a body of type application/problem+json, or a JSON object with ``title``
    or ``detail`` and ``status`` as many products send under application/json; for an error
    answer (4xx, 5xx) whose JSON body is no problem, its message (see :func:`error_message`)."""
    if not isinstance(response, dict) or not isinstance(response.get("body"), str):
        return None
    given = response.get("headers")
    headers: dict[object, object] = given if isinstance(given, dict) else {}
    kind = next((str(v) for k, v in headers.items() if str(k).lower() == "content-type"), "")
    try:
        body = orjson.loads(response["body"])
    except orjson.JSONDecodeError:
        return None
    if not isinstance(body, dict):
        return None
    if "problem+json" in kind.lower() or "status" in body:
        parts = [str(body[k]).strip() for k in ("title", "detail") if isinstance(body.get(k), str) and body[k].strip()]
    else:
        parts = error_message(body) if _is_error(response.get("status")) else []
    if not parts:
        return None
    first = ": ".join(dict.fromkeys(parts)).splitlines()[0]
    return first if len(first) <= MAX_PROBLEM else first[:MAX_PROBLEM] + "…"


def _is_error(status: object) -> bool:
    return isinstance(status, int) and 400 <= status < 600


#: the members a JSON error body that is no problem document says why in, most telling first
ERROR_MEMBERS = ("message", "error_description", "error", "detail")


def error_message(body: dict[str, Any]) -> list[str]:
    """Why an error answer that is no RFC 9457 problem says it failed: the first of its
    ``message``, ``error_description``, ``error`` or ``detail`` that is text (``error`` may
    itself be an object with a ``message``, as many frameworks nest it); [] when none is."""
    for key in ERROR_MEMBERS:
        value = body.get(key)
        if isinstance(value, dict):
            value = value.get("message")
        if isinstance(value, str) and value.strip():
            return [value.strip()]
    return []


def of_input(by_input: dict[str, str], key: str) -> str | None:
    """What ``by_input`` (keyed by exchange, "METHOD URL") holds for a finding about ``key``:
    the same exchange, or one a finding names by method and path ("POST /credentials/issue")."""
    if key in by_input or not key:
        return by_input.get(key)
    method, _, path = key.partition(" ")
    if not path.startswith("/"):
        return None
    for exchange, value in by_input.items():
        sent, _, url = exchange.partition(" ")
        if sent == method and url.split("?", 1)[0].endswith(path):
            return value
    return None


def problem_lines(evidence: list[dict[str, Any]]) -> dict[str, str]:
    """The first problem body (see :func:`problem_line`) answered to each HTTP input."""
    found: dict[str, str] = {}
    for item in evidence:
        if item.get("kind") == "http" and (line := problem_line(item.get("response"))):
            found.setdefault(input_of(item), line)
    return found


def curl_commands(evidence: list[dict[str, object]]) -> dict[str, str]:
    """The first recorded request of each HTTP input, as a curl command (see adapters.curl)."""
    commands: dict[str, str] = {}
    for item in evidence:
        request = item.get("request") if item.get("kind") == "http" else None
        if isinstance(request, dict) and isinstance(request.get("curl"), str):
            commands.setdefault(input_of(item), request["curl"])
    return commands
