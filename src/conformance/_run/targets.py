"""What a suite may call on ``targets[role]``, by the kind of target the profile binds the role to.

A profile says ``targets: {api: {kind: http}}``; the manifest may serve that role with any
adapter of that kind (the built-in ``http``, or a plug-in's). These protocols are the
contract between suites and adapters: a suite and the checks it calls use nothing else
(tests/house/test_house.py looks for any other attribute they use), an adapter of a kind offers
at least this. The built-in adapters satisfy them
(:class:`conformance.adapters.http.HttpAdapter`, :class:`conformance.adapters.file.FileAdapter`).
"""

from __future__ import annotations

import ssl

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

import httpx

from ..adapters.file import Document
from ..adapters.http import Response

__all__ = ["Document", "FileTarget", "HttpTarget", "Response"]


@runtime_checkable
class HttpTarget(Protocol):
    """A live HTTP service (kind ``http``). Every call returns a complete :class:`Response`
    (body read within the size cap) and is recorded as evidence, credentials redacted."""

    #: The manifest's role this target serves (``api``, ``api_b``).
    role: str
    #: Where the service lives; paths are resolved under it.
    base_url: httpx.URL
    #: Every response of the run so far, for checks over all of them (``after_all`` tests).
    log: list[Response]
    #: How many responses ``log`` left out (it keeps a bounded number and bytes).
    log_omitted: int
    #: The manifest's ``ca_bundle`` (PEM trust anchors the server's chain must lead to), or
    #: None: requests verify with the named default anchors (the Mozilla CA Certificate Program's, as
    #: certifi distributes them; never the system store), and IF-TLS-001 leaves the chain unjudged.
    ca_bundle: Path | None
    #: Seconds one exchange may take (the manifest's ``timeout_s``, 10 s by default): running out of it leaves the
    #: exchange unanswered (inconclusive); a check judging an answer not come passes ``timeout_s`` the fixed
    #: ``conformance.area.REQUEST_TIME_LIMIT_S``, and its own connections keep to that, never to this value.
    timeout_s: float

    def url(self, path: str) -> httpx.URL:
        """A path under the base URL (or an absolute URL of the same origin; others are refused)."""
        ...

    def tls_context(self) -> ssl.SSLContext | None:
        """The TLS context of a connection a check opens itself to the target's origin (a
        WebSocket): the trust of the HTTP exchanges; None for an http target."""
        ...

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        json: object = None,
        content: bytes | None = None,
        auth: str | None = "default",
        provoked: bool = False,
        timeout_s: float | None = None,
    ) -> Response:
        """Send one request; ``auth`` names the bearer token to send (``default``, ``other``, None);
        ``provoked``: a refusal (401, 403, 407) is the answer the test provokes, judged, not a
        refusal of the run's credentials; ``timeout_s``: a limit the check fixes, for the target's."""
        ...

    def get(self, path: str, **kwargs: object) -> Response: ...

    def post(self, path: str, **kwargs: object) -> Response: ...

    def requested(self, method: str, path: str) -> str:
        """A request to ``path`` as a finding names it: "METHOD URL", where ``paths`` move it."""
        ...


@runtime_checkable
class FileTarget(Protocol):
    """A product's exported data as files (kind ``file``)."""

    role: str
    #: What checks derived from these files during the run (a capture's analysis, read once
    #: and judged by many tests), by a key of the check's choosing; it lives as long as the target.
    derived: dict[Any, Any]

    def files(self) -> list[Path]:
        """Every file the manifest's paths and globs match, each once."""
        ...

    def display_name(self, path: Path) -> str:
        """How evidence names a file (relative to the manifest's folder when it can)."""
        ...

    def open(self, path: Path) -> IO[bytes]:
        """A binary stream of the file (decompressed when it is gzip)."""
        ...

    def read_bytes(self, path: Path) -> bytes:
        """The file's bytes; over the size cap is a non-conformance."""
        ...

    def documents(self, parse: Callable[..., object] = ...,
                  suffixes: tuple[str, ...] | None = ...) -> Iterator[Document]:
        """Every file parsed as JSON (or by ``parse(body, what=name)``), only those whose names
        end in one of ``suffixes`` when given; a file that does not parse is recorded as a
        finding and skipped."""
        ...
