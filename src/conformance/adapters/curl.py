"""A request as a curl command a vendor can paste into a shell to see the answer again.

Credentials never appear: a header the manifest fills from an environment variable is
written as that variable (``-H "Authorization: Bearer ${ACME_TOKEN}"``), so the command
works in the shell that ran the harness and shows nothing secret in a CI log. Any other
sensitive header keeps the evidence's ``***``.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping

import orjson

#: A body longer than this is not written into the command (it is in the evidence).
MAX_BODY = 4096


def _double_quoted(literal: str, variable: str | None = None) -> str:
    """``literal`` (then ``${variable}``) in double quotes: the shell expands the variable
    and nothing of the literal."""
    escaped = "".join("\\" + c if c in '"\\$`' else c for c in literal)
    return f'"{escaped}${{{variable}}}"' if variable else f'"{escaped}"'


def _header(name: str, value: str, variable: str | None, prefix: str) -> str:
    if variable is None:
        return shlex.quote(f"{name}: {value}")
    return _double_quoted(f"{name}: {prefix}", variable)


def curl_command(method: str, url: str, headers: Mapping[str, str], *, json: object = None,
                 content: bytes | None = None, variables: Mapping[str, str] | None = None,
                 sensitive: frozenset[str] | set[str] = frozenset(), cacert: str | None = None,
                 insecure: bool = False) -> str:
    """The request as one shell command. ``variables`` maps a lower-case header name to the
    environment variable its value came from (``authorization`` -> the bearer token's,
    written as ``Bearer ${VAR}``); other headers in ``sensitive`` are shown as ``***``. Over
    https, ``cacert`` (the manifest's ca_bundle) is the trust anchor curl verifies with, and
    ``insecure`` (verify_tls: false) verifies nothing, as the run did: else the pasted command
    would be refused where the run was answered."""
    variables = variables or {}
    parts = ["curl", "-sS", "-i", shlex.quote(url)]
    if url.startswith("https:"):
        if insecure:
            parts.append("-k")
        elif cacert is not None:
            parts += ["--cacert", shlex.quote(cacert)]
    if method != "GET":
        parts += ["-X", shlex.quote(method)]
    for name, value in headers.items():
        low = name.lower()
        variable = variables.get(low)
        prefix = "Bearer " if low == "authorization" and variable else ""
        shown = "***" if low in sensitive and variable is None else value
        parts += ["-H", _header(name, shown, variable, prefix)]
    body: bytes | None = None
    if json is not None:
        body = orjson.dumps(json)
        if not any(n.lower() == "content-type" for n in headers):
            parts += ["-H", shlex.quote("Content-Type: application/json")]
    elif content is not None:
        body = content
    if body is not None:
        text = body.decode("utf-8", "replace")
        if len(body) <= MAX_BODY and text.isprintable():
            parts += ["--data-binary", shlex.quote(text)]
        else:
            parts.append(f"# the {len(body)}-byte body is in the evidence")
    return " ".join(parts)
