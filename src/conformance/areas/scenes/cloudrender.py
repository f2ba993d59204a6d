"""Cloud real-time rendering (SC-RENDER-001..003): the platform renders annex D's test scene
and streams it; the harness renders the same scene itself and compares frame by frame (PSNR
and SSIM, scikit-image), times the stream (request to first frame, the frames' intervals), and
times a user's input to the frame that shows it (SC-RENDER-003: the input places the box).

The test scene is defined here, as the standard defines it, so that a platform and the
harness draw the same picture: on a W x H grey canvas, a diagonal gradient, a checkered floor
in the lower third, and a box 0.2 W x 0.3 H moving left to right across the canvas once in
``frames`` frames. Frame n is the scene at t = n / (frames - 1)."""

from __future__ import annotations

import io
from dataclasses import dataclass
import numpy as np

from .boundaries import Floats

#: the scene a test asks for: small, so that a stream is a few kilobytes and decodes in milliseconds
SCENE = {"width": 160, "height": 96, "frames": 10, "fps": 10}
#: the display-rate run (SC-RENDER-002 R4): 2 s of the scene at 60 frames a second, the highest progressive
#: picture rate of ITU-R BT.709 Part 2, at its 1920 x 1080 image format scaled by 1/12 in each dimension;
#: the rate is the standard's, the scale the catalog's (the harness decodes every frame, and the pace a
#: platform keeps at 60 frames a second is what R4 times)
DISPLAY_RUN = {"width": 160, "height": 90, "frames": 120, "fps": 60}
#: how many one-frame streams are timed for the first-frame latency (the median is judged)
LATENCY_TRIES = 3
#: the inputs SC-RENDER-003 sends, one a request: where each places the box along its track (0 left,
#: 1 right); none is 0, where a one-frame stream without input has it, so an ignored input shows
INPUTS = (0.25, 0.5, 0.75)


def scene_frame(width: int, height: int, n: int, frames: int, box: float | None = None) -> Floats:
    """Frame ``n`` of annex D's test scene: grey levels in [0, 1], shape (height, width); with a
    user's input ``box`` (0..1), the box stands at that fraction of its track in every frame."""
    y, x = np.mgrid[0:height, 0:width]
    image = 0.2 + 0.5 * ((x / width) + (y / height)) / 2
    floor = y >= (2 * height) // 3
    image[floor] = np.where(((x[floor] // 8) + (y[floor] // 8)) % 2 == 0, 0.35, 0.55)
    t = n / max(1, frames - 1) if box is None else box
    box_w, box_h = int(0.2 * width), int(0.3 * height)
    left = int(round(t * (width - box_w)))
    top = height // 3 - box_h // 2
    image[top:top + box_h, left:left + box_w] = 0.85
    return image


@dataclass(frozen=True)
class Decoded:
    """A stream's frames (grey [0, 1]) and their presentation times in seconds."""

    frames: list[Floats]
    times: list[float]


class Undecodable(ValueError):
    """The stream does not decode as a video (or PyAV is missing)."""


def decode(data: bytes, max_frames: int = 600) -> Decoded:
    """The frames of the stream's first video track. Raises Undecodable."""
    try:
        import av  # noqa: PLC0415 (the media extra)
    except ImportError:
        raise Undecodable("decoding needs PyAV (the media extra)") from None
    frames: list[Floats] = []

    times: list[float] = []
    try:
        with av.open(io.BytesIO(data), "r") as container:
            if not container.streams.video:
                raise Undecodable("no video track")
            for frame in container.decode(video=0):
                frames.append(frame.to_ndarray(format="gray").astype(np.float64) / 255.0)
                times.append(float(frame.time or 0.0))
                if len(frames) >= max_frames:
                    break
    except (av.error.FFmpegError, ValueError) as exc:  # type: ignore[attr-defined, unused-ignore]
        raise Undecodable(str(exc)) from None
    if not frames:
        raise Undecodable("no frame decodes")
    return Decoded(frames, times)


@dataclass(frozen=True)
class Quality:
    """Each frame's PSNR (dB) and SSIM against the harness's own render."""

    psnr: list[float]
    ssim: list[float]


def quality(decoded: Decoded, width: int, height: int, frames: int, box: float | None = None) -> Quality:
    """PSNR and SSIM of each decoded frame against the scene's frame (grey, data range 1), the
    scene as the input ``box`` placed it when one is given."""
    from skimage.metrics import peak_signal_noise_ratio, structural_similarity  # noqa: PLC0415 (media extra)

    psnr: list[float] = []
    ssim: list[float] = []
    for n, got in enumerate(decoded.frames):
        want = scene_frame(width, height, n, frames, box)
        if got.shape != want.shape:
            psnr.append(0.0)
            ssim.append(0.0)
            continue
        psnr.append(float(min(99.0, peak_signal_noise_ratio(want, got, data_range=1.0))))
        ssim.append(float(structural_similarity(want, got, data_range=1.0)))
    return Quality(psnr, ssim)


def interval_errors(times: list[float], fps: float) -> list[tuple[int, float]]:
    """(index, interval in seconds) of each frame interval off 1/fps by more than 10 %."""
    nominal = 1.0 / fps
    return [(i, round(b - a, 4)) for i, (a, b) in enumerate(zip(times, times[1:]), start=1)
            if abs((b - a) - nominal) > 0.1 * nominal]
