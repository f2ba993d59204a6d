"""An HTTP exchange as evidence records it: the request (its headers with credentials masked, its
body's excerpt, the ``curl`` command that repeats it) and the response (status, headers, body excerpt)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import httpx

from .credentials import shown
from .curl import curl_command
from .response import Response, redact

#: How much of a body a record quotes (redacted whole first, then cut).
BODY_EXCERPT = 4096


def headers_record(headers: Mapping[str, str], sensitive: frozenset[str] | set[str]) -> dict[str, str]:
    return {k: ("***" if k.lower() in sensitive else v) for k, v in headers.items()}


def request_record(
    method: str, url: httpx.URL, headers: Mapping[str, str], json: object, content: bytes | None,
    variables: Mapping[str, str], *, sensitive: frozenset[str] | set[str], ca_bundle: Path | None, verify_tls: bool,
) -> dict[str, object]:
    record: dict[str, object] = {"method": method, "url": shown(url), "headers": headers_record(headers, sensitive)}
    if json is not None:
        record["json"] = json
    elif content is not None:
        record["body"] = redact(content.decode("utf-8", "replace"))[:BODY_EXCERPT]
    record["curl"] = curl_command(method, shown(url), headers, json=json, content=content,
                                  variables=variables, sensitive=sensitive,
                                  cacert=str(ca_bundle) if ca_bundle else None,
                                  insecure=not verify_tls)
    return record


def response_record(response: Response, sensitive: frozenset[str] | set[str]) -> dict[str, object]:
    record: dict[str, object] = {
        "status": response.status,
        "headers": headers_record(response.headers, sensitive),
        # Redacted whole, then cut: a cut never leaves the first characters of a secret.
        "body": redact(response.text)[:BODY_EXCERPT],
        "elapsed_s": round(response.elapsed_s, 4),
    }
    if len(response.content) > BODY_EXCERPT:
        record["body_bytes"] = len(response.content)
    if response.redirects:
        record["redirects"] = response.redirects
    return record


#: Client headers a reproducing command leaves to curl (its own transfer and compression).
_CURL_OWN = frozenset({"accept-encoding", "connection"})


def sent_headers(client: Mapping[str, str], request: Mapping[str, str]) -> dict[str, str]:
    """Every header a request carried: the client's (user agent, the manifest's
    ``headers_env``), then the request's own over them, whatever their case."""
    own = {k.lower() for k in request}
    merged = {k: v for k, v in client.items() if k.lower() not in own and k.lower() not in _CURL_OWN}
    return {**merged, **request}
