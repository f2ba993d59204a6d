"""The reference's generation interface (annex D, docs/assets.md "Generation interface"):
``POST /generate`` with ``{"kind": "text"|"image"|"video"|"audio"|"scene", "prompt": ...}`` answers the generated
content itself, labelled as GB 45438-2025 asks: text with a label line at its start, a PNG with the
label drawn in its corner and the implicit label in a text chunk, an H.264 MP4 with the label in
every frame and the implicit label in an XMP box. ``GET /generate/label`` answers the raster of the
label the service draws, and ``GET /generate/prompt`` the audio prompt it plays, so that a tester
knows what to look for in the pixels and the sound. Audio is a WAV opening with the rhythm prompt
and carrying the implicit label in its LIST/INFO comment; a virtual scene is a glTF scene with a
label billboard shown at entry and the implicit label in asset.extras.

The content is deterministic (the prompt only seeds the text), small (160x96 pixels, 2 s at 10
frames a second) and made once per set of defects.
"""

from __future__ import annotations

import functools
import io
import struct
import zlib
from typing import Any

import numpy as np
import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..problems import problem

DEFECTS: dict[str, str] = {
    "generated-text-unlabelled": "generated text is returned without any explicit label",
    "generated-text-label-inline": "generated text carries its label inside a sentence in the middle, not at its "
                                   "start, its end or a paragraph boundary",
    "generated-image-unlabelled": "generated images are returned without the label drawn in their pixels",
    "generated-image-no-implicit": "generated images are returned without the implicit label in their metadata",
    "generated-video-label-late": "generated video shows its label only from 0.5 s on, not in its opening frame",
    "generated-video-label-opening-only": "generated video shows its label in its first second only",
    "generated-video-no-implicit": "generated video is returned without the implicit label in its metadata",
    "generated-audio-unprompted": "generated audio is returned without its rhythm prompt",
    "generated-audio-no-implicit": "generated audio is returned without the implicit label in its metadata",
    "generated-scene-label-hidden": "a generated virtual scene's label node is scaled to zero, so nothing shows at entry",
    "generated-scene-no-implicit": "a generated virtual scene is returned without the implicit label in asset.extras",
    "generation-refuses-scenes": "the generation interface refuses a request for a virtual scene with 422, though the "
                                 "profile asks for every kind",
    "generation-label-not-served": "GET /generate/label answers 404: the service does not serve the label it draws",
    "generation-prompt-not-served": "GET /generate/prompt answers 404: the service does not serve the audio prompt "
                                    "it plays",
}
KINDS = ("text", "image", "video", "audio", "scene")
RATE = 8000
LABEL_TEXT = "本内容由人工智能生成 (AI-generated)"
IMPLICIT = {"Label": "1", "ContentProducer": "001191310000000000REFERENCE", "ProduceID": "ref-gen-0001"}
WIDTH, HEIGHT, FPS, SECONDS = 160, 96, 10, 2
XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
AIGC_NS = "http://www.tc260.org.cn/ns/AIGC/1.0/"
#: 5x7 glyphs of the label "AI生成" (the assets fixtures draw the same label)
_GLYPHS = {
    "A": ["01110", "10001", "10001", "11111", "10001", "10001", "10001"],
    "I": ["11111", "00100", "00100", "00100", "00100", "00100", "11111"],
    "生": ["10100", "11111", "00100", "11111", "00100", "00100", "11111"],
    "成": ["00101", "11111", "10100", "11110", "10101", "10010", "11101"],
}


def label_raster(scale: int = 2) -> Any:
    """The label as the service draws it: light glyphs on a dark plate with a light border; grey [0, 1]."""
    glyph_w, glyph_h, pad = 5 * scale, 7 * scale, 2 * scale
    image = np.full((glyph_h + 2 * pad, 4 * glyph_w + 3 * scale + 2 * pad), 0.12)
    image[0, :] = image[-1, :] = image[:, 0] = image[:, -1] = 0.85
    for n, char in enumerate("AI生成"):
        block = np.kron(np.array([[int(b) for b in row] for row in _GLYPHS[char]], dtype=float),
                        np.ones((scale, scale)))
        x = pad + n * (glyph_w + scale)
        image[pad:pad + glyph_h, x:x + glyph_w] = np.where(block > 0, 0.95, 0.12)
    return image


def _scene(t: float) -> Any:
    """A generated picture stand-in: a gradient with a moving box; grey [0, 1]."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    image = 0.3 + 0.4 * (x / WIDTH) * (1 - y / HEIGHT)
    left = int(20 + 40 * t)
    image[40:70, left:left + 30] = 0.7
    return image


def _labelled(image: Any, show: bool) -> Any:
    if show:
        label = label_raster()
        h, w = label.shape
        image[4:4 + h, 4:4 + w] = label  # top-left corner, 22 px high: 23 % of the shortest side
    return image


def _png(image: Any, text_chunks: dict[str, str]) -> bytes:
    pixels = np.round(np.clip(image, 0, 1) * 255).astype(np.uint8)
    rows = b"".join(b"\0" + row.tobytes() for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", pixels.shape[1], pixels.shape[0], 8, 0, 0, 0, 0)
    texts = b"".join(chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1"))
                     for key, value in text_chunks.items())
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + texts + chunk(b"IDAT", zlib.compress(rows, 6))
            + chunk(b"IEND", b""))


def _implicit_text() -> str:
    return orjson.dumps({"AIGC": IMPLICIT}).decode()


def text(prompt: str, defects: frozenset[str]) -> str:
    body = (f"关于“{prompt[:60]}”：这是一段示例回答。\n\n城市的夜晚灯火通明，街道两旁的树影随风摇动。"
            "人们在广场上散步，孩子们追逐嬉戏。")
    if "generated-text-unlabelled" in defects:
        return body
    if "generated-text-label-inline" in defects:
        head, _, tail = body.partition("树影")
        return f"{head}树影（{LABEL_TEXT}）{tail}"
    return f"{LABEL_TEXT}\n\n{body}"


@functools.lru_cache(maxsize=8)
def image(defects: frozenset[str]) -> bytes:
    chunks = {} if "generated-image-no-implicit" in defects else {"AIGC": _implicit_text()}
    return _png(_labelled(_scene(0.0), "generated-image-unlabelled" not in defects), chunks)


def _xmp_box() -> bytes:
    packet = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              f'<rdf:Description rdf:about="" xmlns:TC260="{AIGC_NS}"><TC260:AIGC>'
              f'{_implicit_text().replace("&", "&amp;").replace("<", "&lt;").replace(chr(34), "&quot;")}'
              f'</TC260:AIGC></rdf:Description></rdf:RDF></x:xmpmeta>').encode()
    return struct.pack(">I", 8 + 16 + len(packet)) + b"uuid" + XMP_UUID + packet


def _shown(t: float, defects: frozenset[str]) -> bool:
    if "generated-video-label-late" in defects and t < 0.5:
        return False
    return not ("generated-video-label-opening-only" in defects and t >= 1.0)


@functools.lru_cache(maxsize=8)
def video(defects: frozenset[str]) -> bytes:
    import av  # noqa: PLC0415 (the reference extra; imported only when video is asked for)

    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.options = {"crf": "18", "preset": "veryfast", "tune": "stillimage"}
        for n in range(FPS * SECONDS):
            t = n / FPS
            grey = np.round(_labelled(_scene(t), _shown(t, defects)) * 255).astype(np.uint8)
            frame = av.VideoFrame.from_ndarray(np.repeat(grey[:, :, None], 3, axis=2), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    data = out.getvalue()
    return data if "generated-video-no-implicit" in defects else data + _xmp_box()


def _tone(seconds: float, hz: float) -> Any:
    t = np.arange(int(seconds * RATE)) / RATE
    ramp = np.minimum(1.0, np.minimum(t, seconds - t) / 0.005)  # 5 ms edges, no clicks
    return 0.5 * np.sin(2 * np.pi * hz * t) * ramp


def rhythm_prompt() -> Any:
    """The rhythm prompt GB 45438-2025 describes, "short long short short" (Morse "AI"): 1 kHz
    bursts of 0.1 s and 0.3 s, 0.1 s apart."""
    gap = np.zeros(int(0.1 * RATE))
    return np.concatenate([_tone(0.1, 1000), gap, _tone(0.3, 1000), gap, _tone(0.1, 1000), gap, _tone(0.1, 1000)])


def _wav(samples: Any, comment: str | None) -> bytes:
    pcm = np.round(np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, 1, RATE, RATE * 2, 2, 16)
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt
    if comment is not None:
        text = comment.encode() + b"\0"
        text += b"\0" * (len(text) % 2)
        info = b"INFO" + b"ICMT" + struct.pack("<I", len(text)) + text
        chunks += b"LIST" + struct.pack("<I", len(info)) + info
    chunks += b"data" + struct.pack("<I", len(pcm)) + pcm
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


@functools.lru_cache(maxsize=8)
def audio(defects: frozenset[str]) -> bytes:
    """3 s: the rhythm prompt, then a generated stand-in (a gliding two-tone chord)."""
    t = np.arange(int(2.0 * RATE)) / RATE
    content = 0.3 * np.sin(2 * np.pi * (300 + 100 * t) * t) + 0.2 * np.sin(2 * np.pi * (450 + 60 * t) * t)
    lead = np.zeros(int(0.9 * RATE)) if "generated-audio-unprompted" in defects else rhythm_prompt()
    signal = np.concatenate([lead, np.zeros(int(0.1 * RATE)), content])
    return _wav(signal, None if "generated-audio-no-implicit" in defects else _implicit_text())


def scene(defects: frozenset[str]) -> bytes:
    """A glTF 2.0 scene: a floor and a label billboard shown from entry, the implicit label in asset.extras."""
    label_node: dict[str, Any] = {"name": "aigc-label", "translation": [0, 1.6, -1],
                                  "extras": {"explicit_label": {"text": "AI生成", "billboard": True}}}
    if "generated-scene-label-hidden" in defects:
        label_node["scale"] = [0, 0, 0]
    asset: dict[str, Any] = {"version": "2.0", "generator": "reference generation interface"}
    if "generated-scene-no-implicit" not in defects:
        asset["extras"] = {"AIGC": dict(IMPLICIT)}
    model = {"asset": asset, "scene": 0, "scenes": [{"nodes": [0, 1]}],
             "nodes": [{"name": "floor"}, label_node]}
    return orjson.dumps(model)


def routes(defects: frozenset[str]) -> list[Route]:
    async def generate(request: Request) -> Response:
        try:
            asked = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return problem(400, "Bad Request", "the body is not JSON", kind="malformed", defects=defects)
        kind = asked.get("kind") if isinstance(asked, dict) else None
        if kind not in KINDS:
            return problem(422, "Unprocessable Content", f"kind must be one of {', '.join(KINDS)}",
                           kind="invalid", defects=defects)
        prompt = asked.get("prompt")
        if not isinstance(prompt, str) or not prompt:
            # the contract's GenerationRequest: a prompt is a non-empty string
            return problem(422, "Unprocessable Content", "prompt must be a non-empty string", kind="invalid",
                           defects=defects)
        if kind == "text":
            return Response(text(prompt, defects), media_type="text/plain; charset=utf-8")
        # the media are made off the event loop: a video takes seconds the first time, and the server's other
        # requests (a run's checks meanwhile) must not wait behind it
        if kind == "image":
            return Response(await run_in_threadpool(image, defects), media_type="image/png")
        if kind == "audio":
            return Response(await run_in_threadpool(audio, defects), media_type="audio/wav")
        if kind == "scene":
            if "generation-refuses-scenes" in defects:
                return problem(422, "Unprocessable Content", "this service generates no virtual scenes",
                               kind="invalid", defects=defects)
            return Response(scene(defects), media_type="model/gltf+json")
        return Response(await run_in_threadpool(video, defects), media_type="video/mp4")

    async def label(request: Request) -> Response:
        if "generation-label-not-served" in defects:
            return problem(404, "Not Found", "no label raster is served", kind="not-found", defects=defects)
        return Response(_png(label_raster(), {}), media_type="image/png")

    async def prompt(request: Request) -> Response:
        if "generation-prompt-not-served" in defects:
            return problem(404, "Not Found", "no audio prompt is served", kind="not-found", defects=defects)
        return Response(_wav(rhythm_prompt(), None), media_type="audio/wav")

    return [Route("/generate", generate, methods=["POST"]), Route("/generate/label", label),
            Route("/generate/prompt", prompt)]
