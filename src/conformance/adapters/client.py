"""The httpx client of the ``http`` adapter: httpx's own, minus the cookie jar's work on
answers that set no cookie.

httpx hands every response to its cookie jar, which wraps the request in a
``urllib.request.Request`` and copies all the response's headers into an
``email.message.Message`` (twice: once for a debug line that is never printed) before it
finds no ``Set-Cookie`` header. On the thousands of small answers of a run that is about a
tenth of the harness's own time per request. Here the jar is skipped when the answer has no
``Set-Cookie`` (or ``Set-Cookie2``) header; answers that do set cookies go through httpx's
jar as before, so cookies behave exactly as with a plain ``httpx.Client``.
"""

from __future__ import annotations

from typing import Any

import httpx

_SETS_COOKIES = ("set-cookie", "set-cookie2")


class _Cookies(httpx.Cookies):
    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if any(name in headers for name in _SETS_COOKIES):
            super().extract_cookies(response)


class Client(httpx.Client):
    """An ``httpx.Client`` whose cookie jar only looks at answers that set cookies."""

    def __init__(self, **kwargs: Any) -> None:
        self._jar = _Cookies(kwargs.pop("cookies", None))
        super().__init__(**kwargs)

    @property
    def cookies(self) -> httpx.Cookies:
        return self._jar

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._jar = _Cookies(cookies)
