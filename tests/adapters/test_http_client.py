"""The adapter's httpx client sends what a plain ``httpx.Client`` sends (``adapters/client.py``):
its short way to the transport (``Client.exchange``) keeps userinfo credentials, cookies,
mounts and environment proxies as httpx keeps them."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from conformance.adapters import AdapterContext
from conformance.adapters.client import Client
from conformance.adapters.http import HttpAdapter
from conformance.reference.server import serve


def _recorder(seen: list[httpx.Request], name: str = "") -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        path = request.url.path
        headers = {"Set-Cookie": "session=abc; Path=/"} if path == "/login" else {}
        if path == "/moved":
            return httpx.Response(302, headers={"Location": "/elsewhere"})
        return httpx.Response(200, headers=headers, json={"by": name, "path": path})
    return httpx.MockTransport(handle)


def _requests(client: httpx.Client, send) -> list[tuple[str, str, dict[str, str], int]]:
    seen: list[httpx.Request] = []
    client._transport = _recorder(seen)  # both clients answered by the same kind of recorder
    statuses = []
    for method, url in [("GET", "http://user:pa%20ss@h.test/a"), ("POST", "http://h.test/login"),
                        ("GET", "http://h.test/after"), ("GET", "http://h.test/moved")]:
        response = send(client, client.build_request(method, url, json={"x": 1} if method == "POST" else None))
        response.read()
        statuses.append(response.status_code)
        response.close()
    return [(r.method, str(r.url), {k: v for k, v in r.headers.items() if k != "user-agent"}, s)
            for r, s in zip(seen, statuses, strict=True)]


def test_exchange_sends_what_httpx_send_sends():
    ours = _requests(Client(), lambda c, r: c.exchange(r))
    plain = _requests(httpx.Client(), lambda c, r: c.send(r, stream=True))
    assert ours == plain
    assert ours[0][2]["authorization"] == httpx.BasicAuth("user", "pa ss")._auth_header  # userinfo sent
    assert ours[2][2]["cookie"] == "session=abc"  # the cookie the login set
    assert ours[3][3] == 302  # a redirect is returned, not followed


def test_exchange_uses_the_transport_mounted_for_the_url():
    default: list[httpx.Request] = []
    mounted: list[httpx.Request] = []
    client = Client(transport=_recorder(default, "default"), mounts={"http://m.test": _recorder(mounted, "mount")})
    assert client.exchange(client.build_request("GET", "http://m.test/x")).read() == b'{"by":"mount","path":"/x"}'
    assert client.exchange(client.build_request("GET", "http://o.test/y")).read() == b'{"by":"default","path":"/y"}'
    assert [str(r.url) for r in mounted] == ["http://m.test/x"] and [str(r.url) for r in default] == ["http://o.test/y"]


def test_a_client_with_hooks_or_auth_sends_through_httpx():
    hooked: list[str] = []
    client = Client(transport=_recorder([]), event_hooks={"request": [lambda r: hooked.append(str(r.url))]})
    client.exchange(client.build_request("GET", "http://h.test/a")).close()
    assert hooked == ["http://h.test/a"]  # httpx's own send ran the hook
    sent: list[httpx.Request] = []
    client = Client(transport=_recorder(sent), auth=("u", "p"))
    client.exchange(client.build_request("GET", "http://h.test/a")).close()
    assert sent[0].headers["authorization"] == httpx.BasicAuth("u", "p")._auth_header


def test_an_httpx_without_the_transport_lookup_sends_through_httpx(monkeypatch):
    calls: list[bool] = []

    def send(self, request, *, stream=False, **kwargs):
        calls.append(stream)
        return httpx.Response(200, request=request)
    monkeypatch.delattr(httpx.Client, "_transport_for_url")
    monkeypatch.setattr(Client, "send", send)
    client = Client()
    assert client.exchange(client.build_request("GET", "http://h.test/")).status_code == 200
    assert calls == [True]


def test_the_adapter_goes_through_the_proxy_the_environment_names(monkeypatch, tmp_path: Path):
    targets: list[tuple[bytes, str]] = []

    async def proxy(scope, receive, send):  # answers for any origin, as a forward proxy would
        targets.append((scope["raw_path"], dict(scope["headers"]).get(b"host", b"").decode()))
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"via": "proxy"}'})
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    with serve(proxy) as url:
        monkeypatch.setenv("HTTP_PROXY", url)
        context = AdapterContext(tmp_path / "manifest.yaml", {})
        adapter = HttpAdapter("api", {"adapter": "http", "base_url": "http://target.invalid/api"}, context)
        try:
            assert adapter.get("things").json() == {"via": "proxy"}
        finally:
            adapter.close()
    assert targets == [(b"http://target.invalid/api/things", "target.invalid")]


@pytest.mark.parametrize("coding", ["", "identity", "gzip"])
def test_bodies_read_the_same_with_and_without_a_coding(coding, tmp_path: Path):
    import gzip

    body = b'{"items": [' + b",".join(b'{"n": %d}' % i for i in range(2000)) + b"]}"

    async def app(scope, receive, send):
        headers = [(b"content-type", b"application/json")]
        sent = body
        if coding:
            headers.append((b"content-encoding", coding.encode()))
            sent = gzip.compress(body) if coding == "gzip" else body
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": sent[:1000], "more_body": True})
        await send({"type": "http.response.body", "body": sent[1000:]})
    with serve(app) as url:
        adapter = HttpAdapter("api", {"adapter": "http", "base_url": url}, AdapterContext(tmp_path / "m.yaml", {}))
        try:
            assert adapter.get("/").content == body
        finally:
            adapter.close()


def test_a_closed_adapter_lets_go_of_the_answers_it_logged(tmp_path: Path):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"n": 1}'})
    with serve(app) as url:
        adapter = HttpAdapter("api", {"adapter": "http", "base_url": url}, AdapterContext(tmp_path / "m.yaml", {}))
        adapter.get("/a").json()
        assert len(adapter.log) == 1 and adapter.subjects()
        adapter.close()
    # a state machine class hypothesis keeps for the life of the process may still refer to it
    assert adapter.log == [] and len(adapter.subjects()) == 1  # what it read stays declared
