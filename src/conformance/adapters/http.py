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
import ssl
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import httpx

from .._areas import endpoints
from .._catalog.schemas import BASE_URI
from .._io.parsing import DEFAULT_MAX_DEPTH
from .._record import evidence
from .._record.evidence import ABSENT_STATUS
from .._record.redaction import Redactor
from .._version import __version__
from ..certification.subjects import subject_of
from ..errors import AnswerUnreadable, BeyondReadingBound, HarnessInputError, NonConformance, TargetUnreachable
from ..messages import msg
from .answers import MAX_SUBJECTS, AnswersRead
from .client import Client
from .credentials import (
    SECRET_QUERY_PARAMS,
    SENSITIVE_HEADERS,
    credential_problem,
    shown,
    url_secrets,
)
from .deadline import Deadline, DeadlineTransport, deadline_transport, proxy_mounts
from .decoding import ACCEPT_ENCODING, read_body
from .exchanges import BODY_EXCERPT, request_record, response_record, sent_headers
from .endpoints import endpoint_at, moved_by_manifest, moved_endpoints, no_route
from .failures import HEADER_READ_BYTES, PREFLIGHT, Where, header_too_long, kind_of, transport_error, unreachable
from .httpconfig import HttpCredentials, HttpTrust
from .joining import MAX_CACHED_URLS, MAX_REDIRECTS, JoinedUrls, endpoint_base, is_loopback_host
from .response import MAX_SOUND_BODIES, MAX_SOUND_BYTES, PARSE_EXCERPT, Response, SoundBodies, redact

__all__ = [  # the adapter's public names, some of them defined beside it
    "BODY_EXCERPT", "DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_TIMEOUT_S", "MAX_CACHED_URLS", "MAX_LOGGED_BYTES",
    "MAX_LOGGED_RESPONSES", "MAX_REDIRECTS", "MAX_SOUND_BODIES", "MAX_SOUND_BYTES", "MAX_SUBJECTS", "PARSE_EXCERPT",
    "SECRET_QUERY_PARAMS", "SENSITIVE_HEADERS", "HttpAdapter", "Response", "SoundBodies", "credential_problem",
    "is_loopback_host", "shown",
]

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024
MAX_LOGGED_RESPONSES = 5000
#: ...and at most this many body bytes in all: 5000 answers at the size cap would be 20 GB.
MAX_LOGGED_BYTES = 64 * 1024 * 1024
#: Answers declared as subjects one by one (distinct method, URL and body); those past it are
#: declared together, as one digest over all of them (:meth:`HttpAdapter.subjects`).


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
        credentials = HttpCredentials.read(config, context, role)
        self._tokens, self._token_vars, self._basic = credentials.tokens, credentials.token_vars, credentials.basic
        self._basic_secrets, self._oauth, self._token_place = (credentials.basic_secrets, credentials.oauth,
                                                               credentials.token_place)
        self._extra_headers, self._header_vars = credentials.extra_headers, credentials.header_vars
        #: told of each secret learnt during the run (an OAuth token): the run's redactor
        self.secret_listeners: list[Callable[[list[str]], None]] = []
        secret_params = SECRET_QUERY_PARAMS | {n.lower() for n in config.get("secret_query_params", [])}
        self._url_secrets = url_secrets(self.base_url, secret_params)
        self._sensitive = SENSITIVE_HEADERS | {h.lower() for h in self._extra_headers}
        #: Every response of this run (up to MAX_LOGGED_RESPONSES and MAX_LOGGED_BYTES), for
        #: checks over all of them; ``log_omitted`` counts those left out.
        self.log: list[Response] = []
        self._urls = JoinedUrls(self.base_url, self._moved)
        self.log_omitted = 0
        self._logged_bytes = 0
        #: What the run read, for :meth:`subjects`.
        self._answers = AnswersRead()
        trust = HttpTrust.read(config, context, role, self.base_url.scheme)
        self._verify_tls, self._ca_bundle_sha256 = trust.verify_tls, trust.ca_bundle_sha256
        #: The trust anchors the manifest names for this target (a PEM file), or None: the
        #: default anchors (auth.default_anchors_file). IF-TLS-001 judges the server's chain against them.
        self.ca_bundle: Path | None = trust.ca_bundle
        self._base_dir: Path = context.base_dir  # a local subject is named relative to the manifest's folder
        #: what the client verifies the server with, for connections the harness opens itself
        #: to the target's origin (a WebSocket): the same trust as its HTTP exchanges
        self._stream_verify = client_verify = trust.client_verify
        tls = trust.tls
        self._deadline = Deadline()
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
            mounts=None if transport else proxy_mounts(self._deadline, client_verify),
        )

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
        return self._urls.join(path)

    # -- calls -------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        json: object = None,
        content: bytes | None = None,
        auth: str | None = "default",
        provoked: bool = False, timeout_s: float | None = None,
    ) -> Response:
        """Send one request. ``auth`` names which credentials to send: ``default`` (the
        target's: a bearer token, Basic, or an OAuth token), ``other`` (a second bearer token),
        None: none. An OAuth token the target answers 401 to is fetched again, once, and the
        request sent again with it. ``provoked``: the body is built to be refused (a proof signed
        by the wrong key) and the test has seen the same route accept the run's credentials, so
        a 401/403/407 answer is the product's refusal of what was sent, judged like any answer,
        not a refusal of the run's credentials (and no OAuth token is fetched again for it). ``timeout_s``: a limit
        a requirement states (``endpoint_timeout_s``) for the target's."""
        oauth = not provoked and self._oauth is not None and auth == "default" and not any(
            k.lower() == "authorization" for k in (headers or {}))
        response = self._request(method, path, headers=headers, json=json, content=content, auth=auth,
                                 provoked=provoked, timeout_s=timeout_s)
        if oauth and response.status == 401:
            self._oauth_token(renew=True)
            response = self._request(method, path, headers=headers, json=json, content=content, auth=auth,
                                     timeout_s=timeout_s)
        return response

    def _request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None,
        json: object,
        content: bytes | None,
        auth: str | None,
        provoked: bool = False, timeout_s: float | None = None,
    ) -> Response:
        seconds = self.timeout_s if timeout_s is None else float(timeout_s)
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

        def record(response: Response | None = None, *, redirect: bool = False, **data: object) -> None:
            # Built only when the evidence keeps it (redacting bodies is most of the cost).
            # ``redirect``: a redirect answered, an exchange of its own (status, Location, body)
            # recorded before the one it led to and reproduced by its own command.
            a_method, a_url, a_shown, a_json, a_content = asked

            def build() -> tuple[dict[str, object], dict[str, object] | None, dict[str, object]]:
                return (request_record(a_method, a_url, shown_headers, a_json, a_content, variables,
                                       sensitive=self._sensitive, ca_bundle=self.ca_bundle,
                                       verify_tls=self._verify_tls),
                        response_record(response, self._sensitive) if response else None, data)
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
            deadline = self._exchange_deadline(seconds)
            while True:
                request = self.client.build_request(method, url, headers=send_headers, json=json, content=content,
                                                    timeout=httpx.Timeout(seconds))
                hop_started = time.monotonic()
                status, response_headers, body = self._send(request, deadline, seconds)
                if status in (301, 302, 303, 307, 308) and (location := response_headers.get("location")):
                    hop = Response(method=method, url=asked[2], status=status, headers=response_headers,
                                   content=body, elapsed_s=time.monotonic() - hop_started,
                                   max_json_depth=self.max_json_depth)
                    try:
                        target = self._urls.redirect_target(url, location, len(redirects))
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
        except (NonConformance, TargetUnreachable, BeyondReadingBound) as exc:
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
        self._answers.remember(response)
        if len(self.log) < MAX_LOGGED_RESPONSES and self._logged_bytes + len(body) <= MAX_LOGGED_BYTES:
            self.log.append(response)
            self._logged_bytes += len(body)
        else:
            self.log_omitted += 1
        return response

    def _absent_at(self, path: str, status: int) -> evidence.Absent:
        """Where nothing answered ``path`` (404, 405: no route): the endpoint's URL with its
        template (one for every request to it), and the manifest's place that moves it."""
        found = endpoint_at(path, endpoints(), self._moved)
        if found is None:
            return evidence.Absent(self._joined(path)[1].partition("?")[0], status, "", self._place)
        name, template = found
        base = endpoint_base(self.base_url, template, moved_by_manifest(path, self._moved))  # not the run's query
        return evidence.Absent(base + template.lstrip("/"), status, name, self._paths_place)

    def _exchange_deadline(self, seconds: float | None = None) -> float:
        """This exchange's deadline: its timeout (``seconds``, else the target's), never past the run's budget."""
        if self._unreachable is not None:
            raise TargetUnreachable(self._unreachable)
        deadline = time.monotonic() + (self.timeout_s if seconds is None else seconds)
        if self.run_deadline is not None:
            if time.monotonic() >= self.run_deadline:
                raise TargetUnreachable(msg("adapters.budget-spent"))
            deadline = min(deadline, self.run_deadline)
        return deadline

    def _send(self, request: httpx.Request, deadline: float, seconds: float) -> tuple[int, httpx.Headers, bytes]:
        """One exchange, over by ``deadline`` (connect, headers and body together), given ``seconds`` in all."""
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
                raise unreachable(msg("adapters.no-answer", where=str(where), seconds=seconds), exc) from None
            except httpx.TransportError as exc:
                if header_too_long(exc):
                    raise AnswerUnreadable(msg("adapters.header-too-long", where=str(where),
                                               limit=HEADER_READ_BYTES, error=str(exc))) from None
                raise unreachable(transport_error(where, exc), exc) from None
            try:
                return response.status_code, response.headers, read_body(
                    response, self.max_response_bytes, deadline,
                    lambda: msg("adapters.body-late", where=str(where), seconds=seconds))
            except httpx.TimeoutException:
                raise TargetUnreachable(msg("adapters.body-late", where=str(where), seconds=seconds)) from None
            except httpx.TransportError as exc:
                raise TargetUnreachable(transport_error(where, exc)) from None
            finally:
                response.close()
        finally:
            self._deadline.at = None

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Response:
        return self.request("POST", path, **kwargs)

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
            with contextlib.suppress(NonConformance, AnswerUnreadable, BeyondReadingBound):
                self._send(request, self._exchange_deadline(), self.timeout_s)
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
            status, _, body = self._send(request, self._exchange_deadline(), self.timeout_s)
        except TargetUnreachable as exc:
            cause = getattr(exc, "cause", None)
            detail = f"{type(cause).__name__}: {cause}" if cause is not None else str(exc)
            raise TargetUnreachable(msg("adapters.oauth-unreachable", place=self._token_place, url=url,
                                        detail=detail)) from None
        except (NonConformance, BeyondReadingBound) as exc:  # an answer over the size cap, or not decodable
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

    def subjects(self) -> list[dict[str, object]]:
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
        found += self._answers.subjects(self.role, shown(self.base_url), redactor)
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
        self._urls = JoinedUrls(self.base_url, self._moved)
