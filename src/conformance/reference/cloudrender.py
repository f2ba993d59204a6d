"""The reference's cloud rendering (annex D, docs/scenes.md "Cloud rendering"): ``POST
/render/stream`` with ``{"width", "height", "frames", "fps"}`` renders annex D's test scene
(drawn here as the standard defines it, apart from the harness's own drawing of it) and answers it
as an H.264 MP4 stream, timed at ``fps``; an ``"input": {"box": f}`` (a user's input, SC-RENDER-003)
places the box at the fraction f of its track in every frame."""

from __future__ import annotations

import asyncio
import functools
import io
from fractions import Fraction
from collections.abc import AsyncIterator, Iterator
from typing import Any

import numpy as np
import orjson
from starlette.requests import Request
from starlette.concurrency import iterate_in_threadpool
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from .problems import problem

DEFECTS: dict[str, str] = {
    "render-heavy-quantisation": "the rendered stream is encoded with the coarsest quantiser (H.264 QP 51)",
    "render-late-stream": "the rendered stream is answered 600 ms after the request",
    "render-uneven-frames": "every third frame of the rendered stream comes half an interval late on its timeline "
                            "(50 ms at 10 frames a second)",
    "render-ignores-input": "a user's input is ignored: the box crosses the frames as without one",
    "render-slow-input": "a stream answering a user's input is answered 300 ms after the request",
    "render-slow-frames": "each frame takes 150 ms to render: a stream is answered 150 ms a frame after the request",
    "render-below-display-rate": "each frame takes 25 ms to render (40 frames a second): a stream is answered 25 ms a "
                                 "frame after the request",
    "render-upscaled": "frames larger than 640 x 480 pixels have their background (the gradient and the floor) "
                       "rendered at a quarter of their width and height and scaled up (each pixel repeated 4 x 4)",
    "render-slow-at-display-resolution": "frames larger than 640 x 480 pixels are sent at 20 a second, whatever the "
                                         "stream's rate (a platform that cannot render 1920 x 1080 at 60)",
    "render-refuses-display-size": "a stream of frames larger than 640 x 480 pixels is refused with 422 (a platform "
                                   "rendering only below a display's size)",
    "render-falls-behind": "the frames of streams of at most 640 x 480 pixels are sent at 55 a second at most (a "
                           "platform rendering 8 % slower than a display's 60: it falls behind over a session)",
    "render-unavailable": "every request of the cloud rendering interface is answered 503 (Service Unavailable)",
    "render-mpeg4-part2": "the rendered stream's video is coded by MPEG-4 Part 2 (ISO/IEC 14496-2), not H.264, in "
                          "its MP4 file",
    "render-matroska": "the rendered H.264 stream is carried in a Matroska file, not an MP4 file",
    "render-holds-frames": "a stream is sent only when its last frame is due (after (frames - 1) / fps s): no frame "
                           "reaches the viewer before then",
}
LATE_S = 0.6
#: render-slow-input's delay: past SC-RENDER-003's 200 ms; streams without an input are not delayed,
#: so that the defect fails the input's round trip alone
SLOW_INPUT_S = 0.3
#: render-slow-frames' time a frame: a one-frame stream within SC-RENDER-002's 300 ms and an input's
#: within SC-RENDER-003's 200 ms, but 10 frames (1 s of video) later than the 1.2 s they are due by
SLOW_FRAME_S = 0.15
#: render-below-display-rate's time a frame: 40 frames a second keeps the 10-frame stream's pace (R3) and
#: the first frame's and an input's limits, but 120 frames at 60 a second are due by 2.28 s and come at 3 s (R4)
BELOW_DISPLAY_FRAME_S = 0.025
#: a request's bounds: up to ITU-R BT.709's 1920 x 1080 image format (SC-RENDER-004), up to 10 s at 60 frames
#: a second (SC-RENDER-004's session), and at most 30 display-format frames' worth of pixels a request
MAX_PIXELS, MAX_FRAMES, MAX_PIXEL_FRAMES = 1920 * 1080, 600, 1920 * 1080 * 30
#: up to this size a frame is small (the scene at 1/12 of the display format and SC-RENDER-001's 160 x 96); larger
#: frames are a display's (SC-RENDER-004): encoded with x264's fastest preset, and where the display defects act
SMALL_PIXELS = 640 * 480
#: render-slow-at-display-resolution's and render-falls-behind's paces (frames a second): 20 falls behind 60
#: at 1920 x 1080 by more than 100 ms from the fourth frame on, 0.67 s by the last of 24 (at 40, 0.19 s by the
#: last: a loaded machine's late reads of the first frames hid it in one laboratory of two); 55 keeps SC-RENDER-002's 2 s run (0.18 s
#: behind at its end, within the 300 ms allowance) and falls 0.3 s behind after 3.3 s of SC-RENDER-004's 10 s
#: session
SLOW_DISPLAY_FPS, BEHIND_FPS = 20, 55
#: the contract's RenderRequest bound (a rate past it overflowed the encoder's time base: a 500)
MAX_FPS = 240


def scene_frame(width: int, height: int, n: int, frames: int, box: float | None = None) -> Any:
    """Frame ``n`` of annex D's test scene (grey [0, 1]): a diagonal gradient, a checkered floor in the
    lower third, a 0.2 W x 0.3 H box crossing from left to right over the frames (or standing at the
    fraction ``box`` of its track, where a user's input put it)."""
    image = _background(width, height).copy()
    top, left, box_w, box_h = _box_place(width, height, n, frames, box)
    image[top:top + box_h, left:left + box_w] = 0.85
    return image


@functools.lru_cache(maxsize=8)
def _background(width: int, height: int) -> Any:
    """The scene without its box (the gradient and the floor), drawn once a size: at 1920 x 1080
    drawing it takes tens of milliseconds, longer than a frame lasts at 60 frames a second."""
    y, x = np.mgrid[0:height, 0:width]
    image = 0.2 + 0.25 * (x / width + y / height)
    floor = y >= (2 * height) // 3
    image[floor] = np.where((x[floor] // 8 + y[floor] // 8) % 2 == 0, 0.35, 0.55)
    image.setflags(write=False)
    return image


def _box_place(width: int, height: int, n: int, frames: int, box: float | None) -> tuple[int, int, int, int]:
    """(top, left, width, height) of the box in frame ``n``."""
    box_w, box_h = int(0.2 * width), int(0.3 * height)
    left = int(round((n / max(1, frames - 1) if box is None else box) * (width - box_w)))
    return height // 3 - box_h // 2, left, box_w, box_h


@functools.lru_cache(maxsize=8)
def _background_grey(width: int, height: int) -> Any:
    grey = np.round(_background(width, height) * 255).astype(np.uint8)
    grey.setflags(write=False)
    return grey


def _grey_frame(width: int, height: int, n: int, frames: int, box: float | None) -> Any:
    """Frame ``n`` in 8-bit grey levels, equal to ``round(scene_frame(...) * 255)`` but made from the
    background drawn once (SC-RENDER-004 asks for 1920 x 1080 frames at 60 a second)."""
    grey = _background_grey(width, height).copy()
    top, left, box_w, box_h = _box_place(width, height, n, frames, box)
    grey[top:top + box_h, left:left + box_w] = round(0.85 * 255)
    return grey


def fragments(width: int, height: int, frames: int, fps: int, defects: frozenset[str],
              box: float | None = None) -> Iterator[bytes]:
    """The stream, each part yielded as soon as the muxer has written it: fragmented, one movie
    fragment a frame (ISO/IEC 14496-12 8.8), so that a viewer has each frame as it is rendered
    (SC-RENDER-002 R4 times each frame's arrival)."""
    import av  # noqa: PLC0415 (the reference extra)

    out = io.BytesIO()
    sent = 0

    def written() -> bytes:
        nonlocal sent
        data = out.getbuffer()[sent:].tobytes()
        sent += len(data)
        return data

    # render-matroska's file is sent whole at its end: its muxer rewrites sizes written before
    mp4 = "render-matroska" not in defects
    with av.open(out, "w", format="mp4" if mp4 else "matroska",
                 options={"movflags": "frag_every_frame+empty_moov+default_base_moof"} if mp4 else {}) as container:
        video = container.add_stream("mpeg4" if "render-mpeg4-part2" in defects else "libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.time_base = video.codec_context.time_base = Fraction(1, 1000)
        video.options = ({"qp": "51", "tune": "zerolatency"} if "render-heavy-quantisation" in defects
                         else {"crf": "12", "preset": "veryfast", "tune": "zerolatency"})
        if "render-mpeg4-part2" in defects:
            video.options = {"qscale": "2"}  # MPEG-4 Part 2 at a fine quantiser: the picture matches, its codec does not
        elif width * height > SMALL_PIXELS and "render-heavy-quantisation" not in defects:
            # a display's frames (SC-RENDER-004): x264's fastest preset keeps 1920 x 1080 at 60 frames
            # a second on one core (about 6 ms a frame); the quality stays far above the 35 dB
            video.options = {"crf": "12", "preset": "ultrafast", "tune": "zerolatency"}
        for n in range(frames):
            if width * height > SMALL_PIXELS:
                frame = _display_frame(av, width, height, n, frames, box, defects)
            else:
                grey = _grey_frame(width, height, n, frames, box)
                frame = av.VideoFrame.from_ndarray(np.repeat(grey[:, :, None], 3, axis=2), format="rgb24")
            # half an interval late (50 ms at 10 frames a second), never past the next frame
            late = round(500 / fps) if "render-uneven-frames" in defects and n % 3 == 2 else 0
            frame.pts, frame.time_base = round(n * 1000 / fps) + late, Fraction(1, 1000)
            for packet in video.encode(frame):
                container.mux(packet)
            if mp4 and (part := written()):
                yield part
        for packet in video.encode():
            container.mux(packet)
    yield written()


#: 8-bit grey (full range) to H.264's luma (BT.709's studio range, 16..235), as the conversion from RGB does
_STUDIO_LUMA = np.round(16 + np.arange(256) * 219 / 255).astype(np.uint8)


def _display_frame(av: Any, width: int, height: int, n: int, frames: int, box: float | None,
                   defects: frozenset[str]) -> Any:
    """A display-format frame (SC-RENDER-004) given to the encoder as its planes, the luma from the
    background's made once and neutral chroma: drawing 1920 x 1080 and converting it from RGB takes
    longer than a frame lasts at 60 frames a second."""
    planes = _studio_planes(width, height, "render-upscaled" in defects).copy()
    top, left, box_w, box_h = _box_place(width, height, n, frames, box)
    planes[top:top + box_h, left:left + box_w] = _STUDIO_LUMA[round(0.85 * 255)]
    return av.VideoFrame.from_ndarray(planes, format="yuv420p")


@functools.lru_cache(maxsize=4)
def _studio_planes(width: int, height: int, upscaled: bool) -> Any:
    """The background's 4:2:0 planes: its grey levels as studio-range luma, neutral chroma; ``upscaled``
    (render-upscaled), the background drawn at a quarter of the size, each pixel repeated 4 x 4."""
    grey = _background_grey(width, height)
    if upscaled:
        small = _background_grey(max(2, width // 4), max(2, height // 4))
        big = np.repeat(np.repeat(small, 4, axis=0), 4, axis=1)[:height, :width]
        grey = np.pad(big, ((0, height - big.shape[0]), (0, width - big.shape[1])), mode="edge")
    planes = np.full((height * 3 // 2, width), 128, np.uint8)
    planes[:height] = _STUDIO_LUMA[grey]
    planes.setflags(write=False)
    return planes


def _pace(pixels: int, defects: frozenset[str]) -> int:
    """The frames a second at which a planted defect sends a stream's parts (0: as they are rendered)."""
    if "render-slow-at-display-resolution" in defects and pixels > SMALL_PIXELS:
        return SLOW_DISPLAY_FPS
    return BEHIND_FPS if "render-falls-behind" in defects and pixels <= SMALL_PIXELS else 0


@functools.lru_cache(maxsize=16)
def stream(width: int, height: int, frames: int, fps: int, defects: frozenset[str],
           box: float | None = None) -> bytes:
    """The whole stream at once."""
    return b"".join(fragments(width, height, frames, fps, defects, box))


def _box(given: object) -> float | None | bool:
    """A user's input's box position (0..1), None without input, False when it is malformed."""
    if given is None:
        return None
    box = given.get("box") if isinstance(given, dict) else None
    if isinstance(box, bool) or not isinstance(box, (int, float)) or not 0 <= box <= 1:
        return False
    return float(box)


def routes(defects: frozenset[str]) -> list[Route]:
    async def render(request: Request) -> Response:
        if "render-unavailable" in defects:
            return problem(503, "Service Unavailable", "rendering is not available", kind="unavailable", defects=defects)
        try:
            asked = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return problem(400, "Bad Request", "the body is not JSON", kind="malformed", defects=defects)
        sizes = [asked.get(k) if isinstance(asked, dict) else None for k in ("width", "height", "frames", "fps")]
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in sizes) \
                or sizes[0] * sizes[1] > MAX_PIXELS or sizes[2] > MAX_FRAMES or sizes[3] > MAX_FPS \
                or sizes[0] * sizes[1] * sizes[2] > MAX_PIXEL_FRAMES \
                or sizes[0] % 2 or sizes[1] % 2:
            return problem(422, "Unprocessable Content", "width, height (even), frames and fps must be positive "
                           f"integers, at most {MAX_PIXELS} pixels, {MAX_FRAMES} frames, {MAX_FPS} frames a second "
                           f"and {MAX_PIXEL_FRAMES} pixels in all the frames",
                           kind="invalid", defects=defects)
        if "render-refuses-display-size" in defects and asked["width"] * asked["height"] > SMALL_PIXELS:
            return problem(422, "Unprocessable Content", f"frames larger than {SMALL_PIXELS} pixels are not rendered",
                           kind="invalid", defects=defects)
        box = _box(asked.get("input"))
        if box is False:
            return problem(422, "Unprocessable Content", "input must be an object whose box is a number from 0 to 1",
                           kind="invalid", defects=defects)
        placed = None if box is None or "render-ignores-input" in defects else box
        # a planted defect's delay comes before the first byte: as a platform rendering (or holding) that long
        delay = (LATE_S if "render-late-stream" in defects else 0.0) \
            + (SLOW_INPUT_S if box is not None and "render-slow-input" in defects else 0.0) \
            + (SLOW_FRAME_S * sizes[2] if "render-slow-frames" in defects else 0.0) \
            + (BELOW_DISPLAY_FRAME_S * sizes[2] if "render-below-display-rate" in defects else 0.0) \
            + ((sizes[2] - 1) / sizes[3] if "render-holds-frames" in defects else 0.0)  # the last frame's due time

        async def body() -> AsyncIterator[bytes]:
            if delay:
                await asyncio.sleep(delay)
            pace = _pace(sizes[0] * sizes[1], defects)
            clock = asyncio.get_running_loop().time
            first, sent = 0.0, 0
            async for part in iterate_in_threadpool(fragments(*sizes, defects, placed)):
                # a planted defect's pace: part n (frame n) not before n / pace s after the first
                first = first or clock()
                if pace:
                    await asyncio.sleep(max(0.0, first + sent / pace - clock()))
                sent += 1
                yield part

        return StreamingResponse(body(), media_type="video/mp4")

    return [Route("/render/stream", render, methods=["POST"])]
