"""How the ``http`` adapter names an exchange that failed: the request (``METHOD URL``, as
evidence shows it), httpx's own words, and for pre-flight the cause in one word (DNS,
connection refused, TLS, timeout) with the message template that gives its fix."""

from __future__ import annotations

import httpx

from ..errors import TargetUnreachable
from ..messages import msg
from .credentials import shown


def unreachable(message: str, cause: Exception) -> TargetUnreachable:
    """TargetUnreachable carrying httpx's exception, for pre-flight to name the cause."""
    exc = TargetUnreachable(message)
    exc.cause = cause  # type: ignore[attr-defined]
    return exc


#: Words in a connection error (httpx's text and the socket error under it) -> the cause.
CAUSES = (
    ("tls", ("ssl", "tls", "certificate", "wrong_version_number")),
    ("dns", ("name or service not known", "nodename nor servname", "name resolution", "getaddrinfo",
             "no address associated", "errno -2]", "errno -3]", "errno -5]", "errno 11001]", "errno 8]")),
    ("refused", ("refused", "errno 111]", "errno 61]", "errno 10061]")),
)


#: A connection failure's cause -> the template of pre-flight's problem (place, cause, fix).
PREFLIGHT = {
    "dns": "adapters.preflight-dns",
    "refused": "adapters.preflight-refused",
    "tls": "adapters.preflight-tls",
    "timeout": "adapters.preflight-timeout",
    "other": "adapters.preflight-other",
}


def kind_of(cause: BaseException | None) -> str:
    """A connection failure's cause in one word: dns, refused, tls, timeout, or other."""
    if isinstance(cause, httpx.TimeoutException):
        return "timeout"
    if cause is None:
        return "other"
    text = " ".join(str(e) for e in (cause, cause.__cause__, cause.__context__) if e is not None).lower()
    return next((kind for kind, words in CAUSES if any(w in text for w in words)), "other")


#: How much of a response's header the HTTP client reads before it gives up (h11's
#: ``max_incomplete_event_size``, which httpx keeps at h11's default).
HEADER_READ_BYTES = 16 * 1024


def header_too_long(exc: httpx.TransportError) -> bool:
    """Whether ``exc`` is h11 refusing a response header longer than it reads: the target
    answered, so it is no connection failure."""
    return isinstance(exc, httpx.RemoteProtocolError) and "receive buffer too long" in str(exc).lower()


def transport_error(where: Where, exc: httpx.TransportError) -> str:
    # httpx's own words (the exception's name and text) go in as they are.
    return msg("adapters.transport-error", where=str(where), error=f"{type(exc).__name__}: {exc}")


class Where:
    """ "METHOD URL" of a request as error messages name it, formatted when it is used."""

    __slots__ = ("request",)

    def __init__(self, request: httpx.Request) -> None:
        self.request = request

    def __str__(self) -> str:
        return f"{self.request.method} {shown(self.request.url)}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)
