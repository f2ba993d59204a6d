"""The ``http`` adapter: a live service reached with httpx, made safe against hostile targets.

Every exchange has one wall-clock deadline covering connect, headers and body
(:mod:`.deadline`), and none outlives the run's budget; response bodies are read as a raw
stream, decoded with a cap on the inflated bytes (:mod:`.decoding`) and cut off at a size
cap; redirects are followed only within the base URL's origin; credentials (bearer tokens
and headers from environment variables named in the manifest, the base URL's userinfo and
query values) are checked at pre-flight and redacted from all evidence.

Beside it: :mod:`.response` (a response once read, and its JSON judged), :mod:`.credentials`
(what is a credential, and a URL as evidence shows it), :mod:`.failures` (how a failed
exchange is named). Their public names are importable from here as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import ssl
import time
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin

import httpx

from .._areas import endpoints
from .._catalog.schemas import BASE_URI
from .._io.parsing import DEFAULT_MAX_DEPTH
from .._record import evidence
from .._record.evidence import ABSENT_STATUS
from .._record.redaction import Redactor
from .._version import __version__
from ..certification.subjects import REMOTE_LIST, subject_of
from ..errors import AnswerUnreadable, HarnessInputError, NonConformance, TargetUnreachable
from ..messages import msg
from .auth import ClientCredentials, basic_credentials, ca_bundle_bytes, client_tls_context, server_trust
from .client import Client
from .credentials import SECRET_QUERY_PARAMS, SENSITIVE_HEADERS, credential_problem, shown, url_secrets
from .curl import curl_command
from .deadline import Deadline, DeadlineTransport, deadline_transport
from .decoding import ACCEPT_ENCODING, MAX_CODINGS, CappedDecoder, TooLarge, TooManyCodings
from .endpoints import endpoint_at, moved_endpoints, no_route, rewritten
from .failures import HEADER_READ_BYTES, PREFLIGHT, Where, header_too_long, kind_of, transport_error, unreachable
from .joining import plain_join
from .response import MAX_SOUND_BODIES, MAX_SOUND_BYTES, PARSE_EXCERPT, Response, SoundBodies, redact

__all__ = [  # the adapter's public names, some of them defined beside it
    "BODY_EXCERPT", "DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_TIMEOUT_S", "MAX_CACHED_URLS", "MAX_LOGGED_BYTES",
    "MAX_LOGGED_RESPONSES", "MAX_REDIRECTS", "MAX_SOUND_BODIES", "MAX_SOUND_BYTES", "MAX_SUBJECTS", "PARSE_EXCERPT",
    "SECRET_QUERY_PARAMS", "SENSITIVE_HEADERS", "HttpAdapter", "Response", "SoundBodies", "credential_problem",
    "is_loopback_host", "shown",
]

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024
MAX_REDIRECTS = 5
#: Joined URLs remembered per adapter (a run requests the same few paths over and over).
MAX_CACHED_URLS = 4096
MAX_LOGGED_RESPONSES = 5000
#: ...and at most this many body bytes in all: 5000 answers at the size cap would be 20 GB.
MAX_LOGGED_BYTES = 64 * 1024 * 1024
#: Answers declared as subjects one by one (distinct method, URL and body); those past it are
#: declared together, as one digest over all of them (:meth:`HttpAdapter.subjects`).
MAX_SUBJECTS = 512
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
        try:
            self.base_url = httpx.URL(str(config["base_url"]).rstrip("/") + "/")
        except httpx.InvalidURL as exc:  # the schema bounds the length; httpx judges the rest
            raise HarnessInputError(context.where(role, "base_url"), f"not a usable URL: {exc}") from None
        #: the endpoints the manifest moved (``paths``), checked against the areas' names
        self._moved = moved_endpoints(config.get("paths") or {}, endpoints() if config.get("paths") else {},
                                      lambda name: context.where(role, "paths", name))
        self.timeout_s = float(config.get("timeout_s", DEFAULT_TIMEOUT_S))
        self.max_response_bytes = int(config.get("max_response_bytes", DEFAULT_MAX_RESPONSE_BYTES))
        self.max_json_depth = int(config.get("max_json_depth", DEFAULT_MAX_DEPTH))
        self._sound = SoundBodies()
        #: No exchange outlives the run's budget (a time.monotonic() value, or None).
        self.run_deadline: float | None = getattr(context, "run_deadline", None)
        #: where base_url is in the manifest, and why pre-flight could not reach it (None: it could)
        self._place = context.where(role, "base_url") if hasattr(context, "where") else f"targets.{role}.base_url"
        self._paths_place = context.where(role, "paths") if hasattr(context, "where") else f"targets.{role}.paths"
        self._unreachable: str | None = None
        self._tokens: dict[str, str] = {}
        self._extra_headers: dict[str, str] = {}
        #: the environment variable each credential came from, for reproducing commands:
        #: token name -> variable, and lower-case header name -> variable
        self._token_vars: dict[str, str] = {}
        self._header_vars: dict[str, str] = {}
        auth = config.get("auth", {})
        ways = [key for key in ("bearer_token_env", "basic", "oauth2") if key in auth]
        if len(ways) > 1:
            raise HarnessInputError(context.where(role, "auth"), f"names more than one way to authenticate: "
                                    f"{', '.join(ways)}", "keep the one the product takes")
        for key, name in (("bearer_token_env", "default"), ("other_bearer_token_env", "other")):
            if key in auth:
                self._tokens[name] = self._env(context, role, ("auth", key), auth[key])
                self._token_vars[name] = str(auth[key])
        #: HTTP Basic's Authorization value (auth.basic), and the secrets it carries
        self._basic: str | None = None
        self._basic_secrets: list[str] = []
        if "basic" in auth:
            user = self._env(context, role, ("auth", "basic", "username_env"), auth["basic"]["username_env"])
            password = self._env(context, role, ("auth", "basic", "password_env"), auth["basic"]["password_env"])
            self._basic = basic_credentials(user, password)
            self._basic_secrets = [password, self._basic.removeprefix("Basic ")]
        #: OAuth 2.0 client credentials (auth.oauth2): the token is fetched at pre-flight
        self._oauth: ClientCredentials | None = None
        if "oauth2" in auth:
            oauth = auth["oauth2"]
            self._oauth = ClientCredentials(
                oauth, self._env(context, role, ("auth", "oauth2", "client_id_env"), oauth["client_id_env"]),
                self._env(context, role, ("auth", "oauth2", "client_secret_env"), oauth["client_secret_env"]),
                context.where(role, "auth", "oauth2", "token_url"))
        self._token_place = context.where(role, "auth", "oauth2", "token_url") if hasattr(context, "where") else ""
        #: told of each secret learnt during the run (an OAuth token): the run's redactor
        self.secret_listeners: list[Callable[[list[str]], None]] = []
        for header, var in config.get("headers_env", {}).items():
            self._extra_headers[header] = self._env(context, role, ("headers_env", header), var)
            self._header_vars[header.lower()] = str(var)
        secret_params = SECRET_QUERY_PARAMS | {n.lower() for n in config.get("secret_query_params", [])}
        self._url_secrets = url_secrets(self.base_url, secret_params)
        self._sensitive = SENSITIVE_HEADERS | {h.lower() for h in self._extra_headers}
        #: Every response of this run (up to MAX_LOGGED_RESPONSES and MAX_LOGGED_BYTES), for
        #: checks over all of them; ``log_omitted`` counts those left out.
        self.log: list[Response] = []
        self._urls: dict[str, tuple[httpx.URL, str]] = {}
        self.log_omitted = 0
        self._logged_bytes = 0
        #: What the run read: (method, URL as shown, body sha256) -> status, and past
        #: MAX_SUBJECTS one running digest over the rest and their number.
        self._read: dict[tuple[str, str, str], int] = {}
        self._read_more = hashlib.sha256()
        self._read_more_count = 0
        verify = bool(config.get("verify_tls", True))
        self._verify_tls = verify
        #: The trust anchors the manifest names for this target (a PEM file), or None: the
        #: default store. IF-TLS-001 judges the server's chain against them.
        self.ca_bundle: Path | None = context.base_dir / str(config["ca_bundle"]) if "ca_bundle" in config else None
        self._base_dir: Path = context.base_dir  # a local subject is named relative to the manifest's folder
        trust: bool | ssl.SSLContext = verify
        #: the SHA-256 of the ca_bundle's bytes as read: a subject of the run (subjects()), so a
        #: signed run binds the trust anchors its verdicts on TLS rest on
        self._ca_bundle_sha256: str | None = None
        if self.ca_bundle is not None:
            where = context.where(role, "ca_bundle")
            pem = ca_bundle_bytes(self.ca_bundle, where)
            self._ca_bundle_sha256 = hashlib.sha256(pem).hexdigest()
            trust = server_trust(self.ca_bundle, pem, verify, where)
        self._deadline = Deadline()
        # A plain-http target never starts TLS: every exchange stays on its origin, scheme
        # included (other origins are refused, redirects too). Its transport is given a
        # context that verifies but trusts no CA, instead of loading the CA bundle
        # (~15 ms a target, a tenth of a run's fixed cost): should TLS ever start, it fails closed.
        tls: bool | ssl.SSLContext = verify
        if verify and self.base_url.scheme == "http":
            tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        if isinstance(trust, ssl.SSLContext) and self.base_url.scheme == "https":
            tls = trust
        client_verify: bool | ssl.SSLContext = trust
        if "client_cert" in config:  # mutual TLS: the certificate presented, the server verified as told
            cert = config["client_cert"]
            key_password = (self._env(context, role, ("client_cert", "key_password_env"), cert["key_password_env"])
                            if "key_password_env" in cert else None)
            tls = client_verify = client_tls_context(cert, trust, context.base_dir,
                                                     lambda key: context.where(role, "client_cert", key), key_password)
        #: what the client verifies the server with, for connections the harness opens itself
        #: to the target's origin (a WebSocket): the same trust as its HTTP exchanges
        self._stream_verify = client_verify
        self.client = Client(
            timeout=httpx.Timeout(self.timeout_s),
            follow_redirects=False,
            verify=client_verify,
            headers={"User-Agent": f"metaverse-conformance/{__version__}", "Accept-Encoding": ACCEPT_ENCODING,
                     **self._extra_headers},
            # A transport given keeps the deadline too: wrapped, its sockets bounded when it
            # is built on httpx's own.
            transport=DeadlineTransport(transport, self._deadline) if transport
            else deadline_transport(self._deadline, verify=tls),
            mounts=None if transport else _proxy_mounts(self._deadline, client_verify),
        )

    @staticmethod
    def _env(context: Any, role: str, path: tuple[str, ...], var: str) -> str:
        value = context.environ.get(var)
        if value is not None and not value:
            raise HarnessInputError(context.where(role, *path), f"environment variable {var} is set but empty",
                                    f"give it the credential: export {var}=...")
        if not value:
            raise HarnessInputError(
                context.where(role, *path), f"environment variable {var} is not set", f"export {var}=..."
            )
        problem = credential_problem(str(value))
        if problem:  # it could never be sent as a header; the message names the variable, never the value
            raise HarnessInputError(
                context.where(role, *path), f"environment variable {var} {problem}",
                "a credential is printable ASCII",
            )
        return str(value)

    @property
    def is_loopback(self) -> bool:
        return is_loopback_host(self.base_url.host)

    def tls_context(self) -> ssl.SSLContext | None:
        """The TLS context a connection of the harness's own to this target's origin uses (a
        WebSocket a check opens): the trust (and client certificate) of its HTTP exchanges;
        None for an http target."""
        if self.base_url.scheme != "https":
            return None
        if isinstance(self._stream_verify, ssl.SSLContext):
            return self._stream_verify
        context = ssl.create_default_context()
        if not self._stream_verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def url(self, path: str) -> httpx.URL:
        """A path under the base URL, or an absolute URL of the same origin."""
        return self._joined(path)[0]

    def requested(self, method: str, path: str) -> str:
        """A request to ``path`` as a finding's location names it: "METHOD URL", the URL where
        the target's ``paths`` move it and as evidence shows it (what Response.requested says
        of the answer, for a finding made without one at hand)."""
        return f"{method} {self._joined(path)[1]}"

    def _joined(self, path: str) -> tuple[httpx.URL, str]:
        """:meth:`url`, and the URL as evidence shows it (:func:`shown`)."""
        joined = self._urls.get(path)
        if joined is not None:
            return joined
        moved = rewritten(path, self._moved)
        reference = moved if "://" in moved else moved.lstrip("/")
        url = plain_join(self.base_url, reference)  # same origin by construction
        if url is None:
            try:
                url = self.base_url.join(reference)
            except httpx.InvalidURL as exc:  # a path a target handed out (a link, a next page) that is no URL
                raise NonConformance(msg("adapters.url-invalid", where=repr(path[:200]), error=str(exc))) from None
            if _origin(url) != _origin(self.base_url):
                # Only the target named in the manifest is ever contacted, whatever URLs it hands out.
                raise NonConformance(msg("adapters.other-origin", url=str(url), base=str(self.base_url)))
        joined = (url, shown(url))
        if len(self._urls) < MAX_CACHED_URLS:  # joining costs more than the rest of building a request
            self._urls[path] = joined
        return joined

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
        provoked: bool = False,
    ) -> Response:
        """Send one request. ``auth`` names which credentials to send: ``default`` (the
        target's: a bearer token, Basic, or an OAuth token), ``other`` (a second bearer token),
        None: none. An OAuth token the target answers 401 to is fetched again, once, and the
        request sent again with it. ``provoked``: the body is built to be refused (a proof signed
        by the wrong key) and the test has seen the same route accept the run's credentials, so
        a 401/403/407 answer is the product's refusal of what was sent, judged like any answer,
        not a refusal of the run's credentials (and no OAuth token is fetched again for it)."""
        oauth = not provoked and self._oauth is not None and auth == "default" and not any(
            k.lower() == "authorization" for k in (headers or {}))
        response = self._request(method, path, headers=headers, json=json, content=content, auth=auth,
                                 provoked=provoked)
        if oauth and response.status == 401:
            self._oauth_token(renew=True)
            response = self._request(method, path, headers=headers, json=json, content=content, auth=auth)
        return response

    def _request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None,
        json: Any,
        content: bytes | None,
        auth: str | None,
        provoked: bool = False,
    ) -> Response:
        send_headers = dict(headers or {})
        variables = dict(self._header_vars)
        if auth and "Authorization" not in send_headers:
            if auth in self._tokens:
                send_headers["Authorization"] = f"Bearer {self._tokens[auth]}"
                variables["authorization"] = self._token_vars[auth]
            elif auth == "default" and self._basic is not None:
                send_headers["Authorization"] = self._basic
            elif auth == "default" and self._oauth is not None:
                send_headers["Authorization"] = f"Bearer {self._oauth_token()}"
        url, sent_url = self._joined(path)
        # Each exchange is recorded as made: the request it answered (a redirect changes the
        # URL, and after a 303 the method and body, for the next exchange) and its own answer.
        asked = (method, url, sent_url, json, content)
        # The run's own credentials went with the request (the test chose none of its own, and
        # provoked no refusal): an answer refusing them names where they came from (see
        # Evidence.refused).
        own = provoked or auth is None or any(k.lower() == "authorization" for k in (headers or {}))
        credentials = None if own else (", ".join(dict.fromkeys(variables.values())) or f"targets.{self.role}.auth")
        # What the reproducing command carries: every header sent, the client's own included.
        shown_headers = sent_headers({"User-Agent": self.client.headers.get("user-agent", ""), **self._extra_headers},
                                     send_headers)

        def record(response: Response | None = None, *, redirect: bool = False, **data: Any) -> None:
            # Built only when the evidence keeps it (redacting bodies is most of the cost).
            # ``redirect``: a redirect answered, an exchange of its own (status, Location, body)
            # recorded before the one it led to and reproduced by its own command.
            a_method, a_url, a_shown, a_json, a_content = asked

            def build() -> tuple[dict[str, Any], dict[str, object] | None, dict[str, object]]:
                return (self._request_record(a_method, a_url, shown_headers, a_json, a_content, variables),
                        self._response_record(response) if response else None, data)
            if redirect:
                evidence.current().redirect_of(a_method, a_shown, build)
                return
            absent = (self._absent_at(path, response.status) if response and response.status in ABSENT_STATUS
                      and no_route(response.headers.get("content-type", ""), response.content) else None)
            evidence.current().exchange_of(a_method, a_shown, response.status if response else None, build,
                                           credentials=credentials, absent=absent)
        redirects: list[str] = []
        recorded = False
        started = time.monotonic()
        try:
            deadline = self._exchange_deadline()
            while True:
                request = self.client.build_request(method, url, headers=send_headers, json=json, content=content)
                hop_started = time.monotonic()
                status, response_headers, body = self._send(request, deadline)
                if status in (301, 302, 303, 307, 308) and (location := response_headers.get("location")):
                    hop = Response(method=method, url=asked[2], status=status, headers=response_headers,
                                   content=body, elapsed_s=time.monotonic() - hop_started,
                                   max_json_depth=self.max_json_depth)
                    try:
                        target = self._redirect_target(url, location, len(redirects))
                    except NonConformance as exc:  # the last exchange made: recorded with its answer
                        record(hop, error=str(exc))
                        recorded = True
                        raise
                    record(hop, redirect=True, redirected_to=shown(target))
                    redirects.append(shown(target))
                    if status == 303 or (status in (301, 302) and method == "POST"):
                        method, json, content = "GET", None, None
                    url = target
                    asked = (method, url, shown(url), json, content)
                    continue
                break
        except (NonConformance, TargetUnreachable) as exc:
            if not recorded:
                record(error=str(exc))
            raise
        response = Response(
            method=method, url=asked[2], status=status, headers=response_headers,
            content=body,
            elapsed_s=time.monotonic() - started, max_json_depth=self.max_json_depth, redirects=redirects,
            sound=self._sound,
        )
        record(response)
        self._remember(response)
        if len(self.log) < MAX_LOGGED_RESPONSES and self._logged_bytes + len(body) <= MAX_LOGGED_BYTES:
            self.log.append(response)
            self._logged_bytes += len(body)
        else:
            self.log_omitted += 1
        return response

    def _redirect_target(self, url: httpx.URL, location: str, followed: int) -> httpx.URL:
        """Where a redirect from ``url`` leads, when the adapter may follow it: within the base
        URL's origin, and at most MAX_REDIRECTS times (``followed``: how many it followed)."""
        try:
            target = httpx.URL(urljoin(str(url), location))
        except (httpx.InvalidURL, ValueError):
            raise NonConformance(msg("adapters.redirect-invalid", location=repr(location[:200]))) from None
        if _origin(target) != _origin(self.base_url):
            raise NonConformance(
                msg("adapters.redirect-other-origin", url=shown(target)),
                expected=shown(self.base_url.copy_with(path="/")),
                actual=shown(target),
            )
        if followed >= MAX_REDIRECTS:
            raise NonConformance(msg("adapters.too-many-redirects", count=MAX_REDIRECTS))
        return target

    def _absent_at(self, path: str, status: int) -> evidence.Absent:
        """Where nothing answered ``path`` (404, 405: no route): the endpoint's URL with its
        template (one for every request to it), and the manifest's place that moves it."""
        found = endpoint_at(path, endpoints(), self._moved)
        if found is None:
            return evidence.Absent(self._joined(path)[1].partition("?")[0], status, "", self._place)
        name, template = found
        base = shown(self.base_url).partition("?")[0]  # the endpoint, not the run's query
        return evidence.Absent(base + template.lstrip("/"), status, name, self._paths_place)

    def _remember(self, response: Response) -> None:
        """Keep what this answer was, for :meth:`subjects`."""
        key = (response.method, response.url, hashlib.sha256(response.content).hexdigest())
        if key in self._read:
            return
        if len(self._read) < MAX_SUBJECTS:
            self._read[key] = response.status
        else:
            self._read_more.update(f"{response.status} {' '.join(key)}\n".encode())
            self._read_more_count += 1

    def _exchange_deadline(self) -> float:
        """This exchange's deadline: its timeout, never past the run's budget."""
        if self._unreachable is not None:
            raise TargetUnreachable(self._unreachable)
        deadline = time.monotonic() + self.timeout_s
        if self.run_deadline is not None:
            if time.monotonic() >= self.run_deadline:
                raise TargetUnreachable(msg("adapters.budget-spent"))
            deadline = min(deadline, self.run_deadline)
        return deadline

    def _send(self, request: httpx.Request, deadline: float) -> tuple[int, httpx.Headers, bytes]:
        """One exchange, over by ``deadline`` (connect, headers and body together)."""
        where = Where(request)  # named only in an error message: built only then
        self._deadline.at = deadline
        try:
            try:
                response = self.client.exchange(request)
            except httpx.InvalidURL as exc:
                # httpx builds the next request of a redirect even when not following it; a
                # Location it cannot make a URL of (``http:evil.example/x``) is the target's fault.
                raise NonConformance(msg("adapters.url-invalid", where=str(where), error=str(exc))) from None
            except httpx.TimeoutException as exc:
                if self.run_deadline is not None and time.monotonic() >= self.run_deadline:
                    raise unreachable(msg("adapters.budget-spent"), exc) from None  # the run's deadline, not ours
                raise unreachable(msg("adapters.no-answer", where=str(where), seconds=self.timeout_s), exc) from None
            except httpx.TransportError as exc:
                if header_too_long(exc):
                    raise AnswerUnreadable(msg("adapters.header-too-long", where=str(where),
                                               limit=HEADER_READ_BYTES, error=str(exc))) from None
                raise unreachable(transport_error(where, exc), exc) from None
            try:
                return response.status_code, response.headers, self._read_body(response, where, deadline)
            except httpx.TimeoutException:
                raise TargetUnreachable(self._late(where)) from None
            except httpx.TransportError as exc:
                raise TargetUnreachable(transport_error(where, exc)) from None
            finally:
                response.close()
        finally:
            self._deadline.at = None

    def _read_body(self, response: httpx.Response, where: Where, deadline: float) -> bytes:
        """The body, decoded as a stream: raw chunks inflated a bounded slice at a time, so
        neither a long body nor a compression bomb grows past the cap."""
        cap = self.max_response_bytes
        found: dict[bytes, list[str]] = {}
        for name, value in response.headers.raw:  # one pass: a lookup by name costs about as much
            name = name.lower()
            if name in (b"content-length", b"content-encoding"):
                found.setdefault(name, []).append(value.decode("latin-1"))
        # a repeated header joined as httpx joins it ("5, 6" is no length)
        declared, coding = (", ".join(found.get(n, ())) for n in (b"content-length", b"content-encoding"))
        if declared.isdigit() and int(declared) > cap:
            raise NonConformance(msg("adapters.declares-too-large", size=declared, cap=cap))
        try:
            decoder = CappedDecoder(coding, cap) if coding else None  # most answers are sent as they are
        except TooManyCodings as exc:
            raise NonConformance(msg("adapters.too-many-codings", count=exc.args[0], limit=MAX_CODINGS),
                                 actual=coding[:200]) from None
        chunks: list[bytes] = []
        raw_size = 0
        try:
            stream = response.stream
            if not isinstance(stream, httpx.SyncByteStream):  # as httpx's own iter_raw refuses it
                raise RuntimeError("Attempted to call a sync iterator on an async stream.")
            for raw in stream:  # the raw bytes, as ``iter_raw`` gives them, without re-chunking
                raw_size += len(raw)
                if raw_size > cap:
                    raise NonConformance(msg("adapters.body-too-large", cap=cap))
                if time.monotonic() > deadline:
                    raise TargetUnreachable(self._late(where))
                if decoder is None:
                    chunks.append(raw)
                else:
                    chunks += decoder.decode(raw)
            if decoder is not None:
                chunks += decoder.flush()
        except TooLarge:
            raise NonConformance(msg("adapters.decoded-too-large", cap=cap, coding=coding)) from None
        except zlib.error as exc:
            raise NonConformance(msg("adapters.bad-encoding", coding=coding, error=str(exc))) from None
        return b"".join(chunks)

    def _late(self, where: Where) -> str:
        return msg("adapters.body-late", where=str(where), seconds=self.timeout_s)

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Response:
        return self.request("POST", path, **kwargs)

    # -- evidence ----------------------------------------------------------------------

    def _headers_record(self, headers: Mapping[str, str]) -> dict[str, str]:
        return {k: ("***" if k.lower() in self._sensitive else v) for k, v in headers.items()}

    def _request_record(
        self, method: str, url: httpx.URL, headers: Mapping[str, str], json: Any, content: bytes | None,
        variables: Mapping[str, str],
    ) -> dict[str, object]:
        record: dict[str, object] = {"method": method, "url": shown(url), "headers": self._headers_record(headers)}
        if json is not None:
            record["json"] = json
        elif content is not None:
            record["body"] = redact(content.decode("utf-8", "replace"))[:BODY_EXCERPT]
        record["curl"] = curl_command(method, shown(url), headers, json=json, content=content,
                                      variables=variables, sensitive=self._sensitive,
                                      cacert=str(self.ca_bundle) if self.ca_bundle else None,
                                      insecure=not self._verify_tls)
        return record

    def _response_record(self, response: Response) -> dict[str, object]:
        record: dict[str, object] = {
            "status": response.status,
            "headers": self._headers_record(response.headers),
            # Redacted whole, then cut: a cut never leaves the first characters of a secret.
            "body": redact(response.text)[:BODY_EXCERPT],
            "elapsed_s": round(response.elapsed_s, 4),
        }
        if len(response.content) > BODY_EXCERPT:
            record["body_bytes"] = len(response.content)
        if response.redirects:
            record["redirects"] = response.redirects
        return record

    # -- lifecycle ---------------------------------------------------------------------

    def preflight(self) -> None:
        """Any HTTP answer at the base URL means the target is reachable. When none comes,
        the problem names the manifest's place, the cause in words (DNS, connection
        refused, TLS mismatch, timeout) and the fix; every later request of the run then
        fails at once with it (a test that needs this target is not judged, without
        waiting out a timeout each)."""
        request = self.client.build_request("GET", self.base_url)
        try:
            # it answered (a header too long to read is an answer too); judging it is the tests' job
            with contextlib.suppress(NonConformance, AnswerUnreadable):
                self._send(request, self._exchange_deadline())
        except TargetUnreachable as exc:
            cause = getattr(exc, "cause", None)
            detail = f"{type(cause).__name__}: {cause}" if cause is not None else str(exc)
            self._unreachable = msg(PREFLIGHT[kind_of(cause)], place=self._place,
                                    url=shown(self.base_url), detail=detail, seconds=self.timeout_s)
            raise TargetUnreachable(self._unreachable) from None
        if self._oauth is not None:
            try:
                self._oauth_token(renew=True)
            except TargetUnreachable as exc:
                self._unreachable = str(exc)
                raise

    def _oauth_token(self, renew: bool = False) -> str:
        """The OAuth access token: the one held, unless ``renew`` or it expired; else one
        fetched from the token endpoint (never recorded as evidence). TargetUnreachable when
        the endpoint cannot be reached or gives none."""
        assert self._oauth is not None
        held = None if renew else self._oauth.current()
        if held is not None:
            return held
        request = self._oauth.request(f"metaverse-conformance/{__version__}")
        url = shown(self._oauth.token_url)
        try:
            status, _, body = self._send(request, self._exchange_deadline())
        except TargetUnreachable as exc:
            cause = getattr(exc, "cause", None)
            detail = f"{type(cause).__name__}: {cause}" if cause is not None else str(exc)
            raise TargetUnreachable(msg("adapters.oauth-unreachable", place=self._token_place, url=url,
                                        detail=detail)) from None
        except NonConformance as exc:  # an answer over the size cap, or not decodable
            raise TargetUnreachable(msg("adapters.oauth-refused", place=self._token_place, url=url,
                                        why=str(exc))) from None
        why = self._oauth.accept(status, body)
        if why is not None:
            raise TargetUnreachable(msg("adapters.oauth-refused", place=self._token_place, url=url, why=why))
        token = self._oauth.fetched[-1]
        for listener in self.secret_listeners:
            listener([token])
        return token

    def secrets(self) -> list[str]:
        return [*self._tokens.values(), *self._extra_headers.values(), *self._url_secrets, *self._basic_secrets,
                *(self._oauth.secrets() if self._oauth is not None else [])]

    def subjects(self) -> list[dict[str, Any]]:
        """The ``ca_bundle`` the target's TLS was judged and verified against (kind
        ``ca-bundle``, a local file, by the SHA-256 of the bytes read), then every answer the
        run read, by the SHA-256 of its (decoded) body: one subject per
        distinct method, URL and body (``GET <url>``, with the status), the first
        :data:`MAX_SUBJECTS`; past them, one subject (kind ``http-answers``, no ``uri``: its
        digest is of no one resource) whose digest covers the rest (a line
        ``<status> <method> <url> <sha256>`` each, in the order read). An answer never came
        from a target that could not be reached: no subject stands for it. URLs are shown as in
        evidence, secrets redacted."""
        redactor = Redactor(self.secrets())
        found = []
        if self.ca_bundle is not None and self._ca_bundle_sha256 is not None:  # a local file the run read
            found.append(subject_of(self.ca_bundle, self._base_dir, "ca-bundle", self._ca_bundle_sha256,
                                    role=self.role))
        for (method, url, digest), status in self._read.items():
            shown_url = redactor.text(url)
            found.append({"name": f"{method} {shown_url}", "uri": shown_url, "digest": {"sha256": digest},
                          "annotations": {"kind": "http", "role": self.role, "method": method,
                                          "status": str(status)}})
        if self._read_more_count:
            base = redactor.text(shown(self.base_url))
            # no uri: the digest is of the list of answers, not of a resource at the base URL
            found.append({"name": f"{base} (further answers)",
                          "digest": {"sha256": self._read_more.hexdigest()},
                          "annotations": {"kind": REMOTE_LIST, "role": self.role, "base": base,
                                          "answers": str(self._read_more_count)}})
        return found

    def close(self) -> None:
        """Close the client and let go of the answers logged: something may still refer to the
        adapter after its run (hypothesis keeps every state machine class for the life of the
        process, and with it the closures over a run's session), and a process that runs
        again should not carry the last run's bodies."""
        self.client.close()
        self.log = []
        self._logged_bytes = 0
        self._sound = SoundBodies()
        self._urls = {}


#: Client headers a reproducing command leaves to curl (its own transfer and compression).
_CURL_OWN = frozenset({"accept-encoding", "connection"})


def sent_headers(client: Mapping[str, str], request: Mapping[str, str]) -> dict[str, str]:
    """Every header a request carried: the client's (user agent, the manifest's
    ``headers_env``), then the request's own over them, whatever their case."""
    own = {k.lower() for k in request}
    merged = {k: v for k, v in client.items() if k.lower() not in own and k.lower() not in _CURL_OWN}
    return {**merged, **request}


def _proxy_mounts(deadline: Deadline, verify: bool | ssl.SSLContext) -> dict[str, httpx.BaseTransport | None]:
    """The proxies the environment names (HTTP_PROXY, NO_PROXY...), as httpx would mount
    them, each with the exchange deadline."""
    try:
        from httpx._utils import get_environment_proxies
    except ImportError:  # pragma: no cover - httpx moved it: no proxies from the environment
        return {}
    return {
        pattern: deadline_transport(deadline, verify=verify, proxy=proxy) if proxy else None
        for pattern, proxy in get_environment_proxies().items()
    }
