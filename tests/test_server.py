"""Serving an app in a background thread (conformance.server): it answers while served, and
once the context ends its thread has ended."""

from __future__ import annotations

import threading

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from conformance.server import _PromptServer, serve


async def _ok(request: object) -> PlainTextResponse:
    return PlainTextResponse("ok")


def _app() -> Starlette:
    # an async endpoint: a plain function would run in AnyIO's worker threads, which outlive
    # the request by design and would be counted here as a thread the server left behind
    return Starlette(routes=[Route("/", _ok)])


def test_a_served_app_answers_and_is_gone_when_the_context_ends():
    before = set(threading.enumerate())
    # the client's connection is still open when the server stops, as the harness's adapters keep theirs
    with httpx.Client() as client, serve(_app()) as url:
        assert client.get(url + "/").text == "ok"
    assert set(threading.enumerate()) <= before  # the serving thread ended (stop() and join)


def test_stopping_a_server_that_never_ran_only_marks_it_to_exit():
    server = _PromptServer(uvicorn.Config(_app()))
    server.stop()
    assert server.should_exit
