"""A request as a curl command a vendor can paste into a shell to see the answer again.

Credentials never appear: a header the manifest fills from an environment variable is
written as that variable (``-H "Authorization: Bearer ${ACME_TOKEN}"``), so the command
works in the shell that ran the harness and shows nothing secret in a CI log. Any other
sensitive header keeps the evidence's ``***``.
"""

from __future__ import annotations

from collections.abc import Mapping

import orjson

from .._io.shell import Expanded, join

#: A body longer than this is not written into the command (it is in the evidence).
MAX_BODY = 4096
#: characters curl reads in a URL as a glob (``{a,b}``, ``[1-9]``) unless told not to (-g)
_GLOB = frozenset("[]{}")


def curl_argv(method: str, url: str, headers: Mapping[str, str], *, json: object = None,
              content: bytes | None = None, variables: Mapping[str, str] | None = None,
              sensitive: frozenset[str] | set[str] = frozenset(), cacert: str | None = None,
              insecure: bool = False) -> tuple[list[str | Expanded], int | None]:
    """The words of :func:`curl_command`, and the size of a body left out of them (None: none
    was)."""
    variables = variables or {}
    argv: list[str | Expanded] = ["curl", "-sS", "-i"]
    if _GLOB & set(url):  # the URL as sent, not a pattern of URLs
        argv.append("-g")
    argv.append(url)
    if url.startswith("https:"):
        if insecure:
            argv.append("-k")
        elif cacert is not None:
            argv += ["--cacert", cacert]
    if method != "GET":
        argv += ["-X", method]
    for name, value in headers.items():
        low = name.lower()
        variable = variables.get(low)
        if variable is not None:
            prefix = "Bearer " if low == "authorization" else ""
            argv += ["-H", Expanded(f"{name}: {prefix}", variable)]
        else:
            argv += ["-H", f"{name}: {'***' if low in sensitive else value}"]
    body: bytes | None = None
    if json is not None:
        body = orjson.dumps(json)
        if not any(n.lower() == "content-type" for n in headers):
            argv += ["-H", "Content-Type: application/json"]
    elif content is not None:
        body = content
    if body is None:
        return argv, None
    text = body.decode("utf-8", "replace")
    # Lines stay lines (quoted, a shell keeps them); other control characters would reach a
    # terminal or a log, and a body that is not UTF-8 cannot be written as text.
    if len(body) <= MAX_BODY and text.replace("\n", "").isprintable() and text.encode() == body:
        return [*argv, "--data-raw", text], None  # --data-raw: a leading "@" names no file
    return argv, len(body)


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
    argv, left_out = curl_argv(method, url, headers, json=json, content=content, variables=variables,
                               sensitive=sensitive, cacert=cacert, insecure=insecure)
    command = join(argv)
    return command if left_out is None else f"{command} # the {left_out}-byte body is in the evidence"
