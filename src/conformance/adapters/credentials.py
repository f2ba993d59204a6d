"""The ``http`` adapter's credentials: which headers and base-URL query parameters carry
them, what the base URL itself carries (userinfo, query values, the Basic header httpx
derives), whether a value can be sent as a header, and a URL as evidence shows it."""

from __future__ import annotations

import base64
from urllib.parse import parse_qsl, unquote

import httpx

SENSITIVE_HEADERS = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
#: Query parameters of the base URL whose values are credentials (the manifest can name more).
SECRET_QUERY_PARAMS = {"api_key", "apikey", "key", "token", "access_token", "auth", "password", "secret",
                       "sig", "signature", "client_secret"}


def shown(url: httpx.URL | str) -> str:
    """A URL as evidence shows it: without userinfo (a credential, whatever its encoding)."""
    url = httpx.URL(url) if isinstance(url, str) else url
    return str(url.copy_with(userinfo=b"")) if url.userinfo else str(url)


def credential_problem(value: str) -> str | None:
    """Why a credential cannot go into a header, or None. Named without quoting the value."""
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return "holds a control character"
    if not value.isascii():
        return "holds a non-ASCII character"
    return None


def url_secrets(url: httpx.URL, secret_params: set[str]) -> list[str]:
    """What the base URL carries that is a credential: its userinfo (raw and decoded, and as
    the Basic header httpx derives from it) and the values of its credential-like query
    parameters (``secret_params``: the usual names and those the manifest names)."""
    found: list[str] = []
    if url.userinfo:
        raw = url.userinfo.decode("ascii", "replace")
        found += [raw, *raw.split(":", 1), url.username, url.password]
        basic = f"{url.username}:{url.password}".encode()
        found.append(base64.b64encode(basic).decode())
    for pair in url.query.decode("ascii", "replace").split("&"):
        name, _, value = pair.partition("=")
        if unquote(name).lower() in secret_params:
            found += [value, unquote(value), *(v for _, v in parse_qsl(pair))]
    return [s for s in dict.fromkeys(found) if s]
