"""A deliberately hostile HTTP target, for testing that the adapters stay safe."""

from __future__ import annotations

import asyncio
import contextlib

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route


async def _client_gone(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def slow(request: Request) -> Response:
    # Five seconds, or until the client gives up (the adapter's timeout): a server stopping
    # waits for its handlers, and the module's server would otherwise wait out the rest.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(_client_gone(request), 5)
    return PlainTextResponse("too late")


async def drip(request: Request) -> Response:
    async def body():
        for _ in range(50):
            yield b"x"
            await asyncio.sleep(0.1)

    return StreamingResponse(body(), media_type="text/plain")


async def big(request: Request) -> Response:
    async def body():
        chunk = b"a" * 65536
        for _ in range(160):  # 10 MiB, no Content-Length
            yield chunk

    return StreamingResponse(body(), media_type="application/octet-stream")


async def big_declared(request: Request) -> Response:
    return Response(b"b" * (5 * 1024 * 1024), media_type="application/octet-stream")


async def off_origin(request: Request) -> Response:
    return RedirectResponse("http://198.51.100.7/elsewhere", status_code=302)


async def same_origin(request: Request) -> Response:
    return RedirectResponse("/ok", status_code=302)


async def loop(request: Request) -> Response:
    return RedirectResponse("/loop", status_code=302)


async def ok(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def deep(request: Request) -> Response:
    return Response(b"[" * 100 + b"]" * 100, media_type="application/json")


async def not_json(request: Request) -> Response:
    return Response(b"{not json", media_type="application/json")


async def echo(request: Request) -> Response:
    # Echoes the credentials back: the harness must redact them from evidence anyway.
    return JSONResponse({"you_sent": request.headers.get("authorization", "")})


app = Starlette(routes=[
    Route("/", ok), Route("/ok", ok), Route("/slow", slow), Route("/drip", drip), Route("/big", big),
    Route("/big-declared", big_declared), Route("/off-origin", off_origin),
    Route("/same-origin", same_origin), Route("/loop", loop), Route("/deep", deep),
    Route("/not-json", not_json), Route("/echo", echo),
])
