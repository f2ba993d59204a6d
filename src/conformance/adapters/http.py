"""The ``http`` adapter: a live service reached with httpx, made safe against hostile targets.

Every call has a timeout and an overall deadline; response bodies are read in a stream and
cut off at a size cap; redirects are followed only within the base URL's origin; bearer
credentials come from environment variables named in the manifest and are redacted from
all evidence.
"""

from __future__ import annotations

import contextlib
import ipaddress
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import urljoin

import httpx

from .. import evidence
from .._version import __version__
from ..errors import HarnessInputError, NonConformance, TargetUnreachable
from ..schemas import BASE_URI
from .parsing import DEFAULT_MAX_DEPTH, parse_json

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_LOGGED_RESPONSES = 5000
SENSITIVE_HEADERS = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
BODY_EXCERPT = 4096


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine: 127.0.0.0/8, ::1 (also IPv4-mapped), or
    ``localhost`` and names under ``.localhost`` (RFC 6761 6.3), with or without the
    trailing dot of a fully qualified name."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


@dataclass
class Response:
    """A complete response (body already read, within the cap)."""

    method: str
    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    elapsed_s: float
    max_json_depth: int = DEFAULT_MAX_DEPTH
    redirects: list[str] = field(default_factory=list)

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body as JSON; a malformed or overly deep body is a non-conformance."""
        return parse_json(
            self.content, what=f"{self.method} {self.url} response body", max_depth=self.max_json_depth
        )


class HttpAdapter:
    """An HTTP target. ``transport`` (any httpx transport) decides where requests really go:
    a subclass can route them to an in-process app, a recorder, a proxy... while every cap,
    deadline, origin rule and redaction here still applies."""

    kind: ClassVar[str] = "http"
    config_schema: ClassVar[str | Mapping[str, Any]] = BASE_URI + "manifest/target-http.json"

    def __init__(
        self, role: str, config: Mapping[str, Any], context: Any, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.role = role
        self.base_url = httpx.URL(str(config["base_url"]).rstrip("/") + "/")
        self.timeout_s = float(config.get("timeout_s", DEFAULT_TIMEOUT_S))
        self.max_response_bytes = int(config.get("max_response_bytes", DEFAULT_MAX_RESPONSE_BYTES))
        self.max_json_depth = int(config.get("max_json_depth", DEFAULT_MAX_DEPTH))
        self._tokens: dict[str, str] = {}
        self._extra_headers: dict[str, str] = {}
        auth = config.get("auth", {})
        for key, name in (("bearer_token_env", "default"), ("other_bearer_token_env", "other")):
            if key in auth:
                self._tokens[name] = self._env(context, role, ("auth", key), auth[key])
        for header, var in config.get("headers_env", {}).items():
            self._extra_headers[header] = self._env(context, role, ("headers_env", header), var)
        self._sensitive = SENSITIVE_HEADERS | {h.lower() for h in self._extra_headers}
        #: Every response of this run (up to MAX_LOGGED_RESPONSES), for checks over all of them.
        self.log: list[Response] = []
        self.client = httpx.Client(
            timeout=httpx.Timeout(self.timeout_s),
            follow_redirects=False,
            verify=bool(config.get("verify_tls", True)),
            headers={"User-Agent": f"metaverse-conformance/{__version__}", **self._extra_headers},
            transport=transport,
        )

    @staticmethod
    def _env(context: Any, role: str, path: tuple[str, ...], var: str) -> str:
        value = context.environ.get(var)
        if not value:
            raise HarnessInputError(
                context.where(role, *path), f"environment variable {var} is not set", f"export {var}=..."
            )
        return str(value)

    @property
    def is_loopback(self) -> bool:
        return is_loopback_host(self.base_url.host)

    def url(self, path: str) -> httpx.URL:
        """A path under the base URL, or an absolute URL of the same origin."""
        url = self.base_url.join(path if "://" in path else path.lstrip("/"))
        if _origin(url) != _origin(self.base_url):
            # Only the target named in the manifest is ever contacted, whatever URLs it hands out.
            raise NonConformance(f"refusing to contact {url}: not the origin of {self.base_url}")
        return url

    # -- calls -------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        content: bytes | None = None,
        auth: str | None = "default",
    ) -> Response:
        """Send one request. ``auth`` names which bearer token to send (None: none)."""
        send_headers = dict(headers or {})
        if auth and auth in self._tokens:
            send_headers.setdefault("Authorization", f"Bearer {self._tokens[auth]}")
        url = self.url(path)
        request_record = self._request_record(method, url, send_headers, json, content)
        redirects: list[str] = []
        deadline = time.monotonic() + self.timeout_s
        started = time.monotonic()
        try:
            while True:
                request = self.client.build_request(method, url, headers=send_headers, json=json, content=content)
                status, response_headers, body = self._send(request, deadline)
                location = response_headers.get("location")
                if status in (301, 302, 303, 307, 308) and location:
                    target = httpx.URL(urljoin(str(url), location))
                    if _origin(target) != _origin(self.base_url):
                        raise NonConformance(
                            f"redirect to another origin refused: {target}",
                            expected=str(self.base_url.copy_with(path="/")),
                            actual=str(target),
                        )
                    if len(redirects) >= MAX_REDIRECTS:
                        raise NonConformance(f"more than {MAX_REDIRECTS} redirects")
                    redirects.append(str(target))
                    if status == 303 or (status in (301, 302) and method == "POST"):
                        method, json, content = "GET", None, None
                    url = target
                    continue
                break
        except NonConformance as exc:
            evidence.current().exchange(request_record, None, error=str(exc))
            raise
        except TargetUnreachable as exc:
            evidence.current().exchange(request_record, None, error=str(exc))
            raise
        response = Response(
            method=method, url=str(url), status=status, headers=response_headers, content=body,
            elapsed_s=time.monotonic() - started, max_json_depth=self.max_json_depth, redirects=redirects,
        )
        evidence.current().exchange(request_record, self._response_record(response))
        if len(self.log) < MAX_LOGGED_RESPONSES:
            self.log.append(response)
        return response

    def _send(self, request: httpx.Request, deadline: float) -> tuple[int, httpx.Headers, bytes]:
        try:
            response = self.client.send(request, stream=True)
        except httpx.TimeoutException:
            raise TargetUnreachable(f"{request.method} {request.url}: no answer within {self.timeout_s:g}s") from None
        except httpx.TransportError as exc:
            raise TargetUnreachable(f"{request.method} {request.url}: {type(exc).__name__}: {exc}") from None
        try:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
                raise NonConformance(
                    f"response declares {declared} bytes, over the {self.max_response_bytes}-byte cap"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_response_bytes:
                    raise NonConformance(f"response body exceeds the {self.max_response_bytes}-byte cap")
                if time.monotonic() > deadline:
                    raise TargetUnreachable(self._late(request))
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise TargetUnreachable(self._late(request)) from None
        except httpx.TransportError as exc:
            raise TargetUnreachable(f"{request.method} {request.url}: {type(exc).__name__}: {exc}") from None
        finally:
            response.close()
        return response.status_code, response.headers, b"".join(chunks)

    def _late(self, request: httpx.Request) -> str:
        return f"{request.method} {request.url}: body not complete within {self.timeout_s:g}s"

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Response:
        return self.request("POST", path, **kwargs)

    # -- evidence ----------------------------------------------------------------------

    def _headers_record(self, headers: Mapping[str, str]) -> dict[str, str]:
        return {k: ("***" if k.lower() in self._sensitive else v) for k, v in headers.items()}

    def _request_record(
        self, method: str, url: httpx.URL, headers: Mapping[str, str], json: Any, content: bytes | None
    ) -> dict[str, Any]:
        record: dict[str, Any] = {"method": method, "url": str(url), "headers": self._headers_record(headers)}
        if json is not None:
            record["json"] = json
        elif content is not None:
            record["body"] = content[:BODY_EXCERPT].decode("utf-8", "replace")
        return record

    def _response_record(self, response: Response) -> dict[str, Any]:
        record: dict[str, Any] = {
            "status": response.status,
            "headers": self._headers_record(response.headers),
            "body": response.content[:BODY_EXCERPT].decode("utf-8", "replace"),
            "elapsed_s": round(response.elapsed_s, 4),
        }
        if len(response.content) > BODY_EXCERPT:
            record["body_bytes"] = len(response.content)
        if response.redirects:
            record["redirects"] = response.redirects
        return record

    # -- lifecycle ---------------------------------------------------------------------

    def preflight(self) -> None:
        """Any HTTP answer at the base URL means the target is reachable."""
        request = self.client.build_request("GET", self.base_url)
        with contextlib.suppress(NonConformance):  # it answered; judging it is the tests' job
            self._send(request, time.monotonic() + self.timeout_s)

    def secrets(self) -> list[str]:
        return [*self._tokens.values(), *self._extra_headers.values()]

    def close(self) -> None:
        self.client.close()
