"""The httpx client of the ``http`` adapter: httpx's own, minus work the adapter never asks of it.

- The cookie jar is skipped on answers that set no cookie. httpx hands every response to its
  jar, which wraps the request in a ``urllib.request.Request`` and copies all the response's
  headers into an ``email.message.Message`` (twice: once for a debug line that is never
  printed) before it finds no ``Set-Cookie`` header: on the thousands of small answers of a
  run that was a tenth of the harness's own time per request. Answers that do set cookies go
  through httpx's jar, so cookies behave exactly as with a plain ``httpx.Client``.
- :meth:`Client.exchange` hands a built request straight to the transport httpx would pick
  for its URL. ``Client.send`` wraps that call in an auth flow, a redirect flow (the adapter
  follows redirects itself, within one origin), event hooks, a timer and a log line, as
  generators around every request: about 6 % of the harness's CPU per request in
  ``bench/http_replay.py`` (bench/README.md, issue 48). The transport (connection pool, TLS, proxies, the exchange
  deadline), the request httpx built (headers, cookies, timeouts) and the response are
  httpx's own.
"""

from __future__ import annotations

from typing import Any

import httpx

_SETS_COOKIES = (b"set-cookie", b"set-cookie2")


class _Cookies(httpx.Cookies):
    def extract_cookies(self, response: httpx.Response) -> None:
        # One pass over the raw names: a lookup by name in httpx's Headers costs about as much.
        if any(name.lower() in _SETS_COOKIES for name, _ in response.headers.raw):
            super().extract_cookies(response)


class Client(httpx.Client):
    """An ``httpx.Client`` whose cookie jar only looks at answers that set cookies, and that
    can send a request without the flows the adapter does not use (:meth:`exchange`)."""

    def __init__(self, **kwargs: Any) -> None:
        self._jar = _Cookies(kwargs.pop("cookies", None))
        super().__init__(**kwargs)
        self._transports: dict[tuple[str, str, int | None], httpx.BaseTransport] = {}

    @property
    def cookies(self) -> httpx.Cookies:
        return self._jar

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._jar = _Cookies(cookies)

    def exchange(self, request: httpx.Request) -> httpx.Response:
        """What ``send(request, stream=True)`` does with the client's defaults and no
        ``follow_redirects``: the response with its body unread. Credentials in the URL's
        userinfo are sent as Basic authentication, as httpx sends them; a redirect is
        returned, not followed. Falls back to ``send`` on an httpx that picks transports
        some other way."""
        url = request.url
        key = (url.scheme, url.host, url.port)
        transport = self._transports.get(key)
        if transport is None:
            pick = getattr(self, "_transport_for_url", None)
            if pick is None or self.auth is not None or self.event_hooks["request"] or self.event_hooks["response"]:
                return self.send(request, stream=True)
            transport = self._transports[key] = pick(url)
        if (url.username or url.password) and "authorization" not in request.headers:
            next(httpx.BasicAuth(url.username, url.password).auth_flow(request))  # sets the header
        response = transport.handle_request(request)
        response.request = request
        self._jar.extract_cookies(response)
        return response
