"""Cloud real-time rendering (SC-RENDER-001..003): the platform renders annex D's test scene
and streams it; the harness renders the same scene itself and compares frame by frame (PSNR
and SSIM, scikit-image), times the stream (request to first frame, the frames' intervals), and
times a user's input to the frame that shows it (SC-RENDER-003: the input places the box).

The test scene is defined here, as the standard defines it, so that a platform and the
harness draw the same picture: on a W x H grey canvas, a diagonal gradient, a checkered floor
in the lower third, and a box 0.2 W x 0.3 H moving left to right across the canvas once in
``frames`` frames. Frame n is the scene at t = n / (frames - 1)."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from conformance.area import install_hint

from .boundaries import Floats

#: the scene a test asks for: small, so that a stream is a few kilobytes and decodes in milliseconds
SCENE = {"width": 160, "height": 96, "frames": 10, "fps": 10}
#: the display-rate run (SC-RENDER-002 R4): 2 s of the scene at 60 frames a second, the highest progressive
#: picture rate of ITU-R BT.709 Part 2, at its 1920 x 1080 image format scaled by 1/12 in each dimension;
#: the rate is the standard's, the scale the catalog's (the harness decodes every frame, and the pace a
#: platform keeps at 60 frames a second is what R4 times)
DISPLAY_RUN = {"width": 160, "height": 90, "frames": 120, "fps": 60}
#: SC-RENDER-004 R1 and R2: ITU-R BT.709 Part 2's 1920 x 1080 image format at its 60 frames a second, 24 frames
#: (0.4 s), enough that a platform keeping 47 frames a second or fewer at that size falls JITTER_S behind; the
#: first, middle and last frames are compared with the harness's render (decoding all 24 is cheap, comparing
#: 2 million pixels is not)
DISPLAY_FORMAT = {"width": 1920, "height": 1080, "frames": 24, "fps": 60}
DISPLAY_JUDGED = (0, 12, 23)
#: SC-RENDER-004 R2: how far behind the pace set by its first frame a display-format frame may arrive (the
#: catalog's own: 6 frame intervals at 60 frames a second, for the network's and the encoder's jitter)
JITTER_S = 0.1
#: SC-RENDER-004 R1: SSIM is computed on copies averaged over blocks of this many pixels a side (480 x 270);
#: PSNR on the whole frame, so that a frame rendered at a lower resolution and scaled up fails
SSIM_BLOCK = 4
#: SC-RENDER-004 R3: a session of 10 s at 60 frames a second at 1/12 of the display format (the catalog's own
#: length: with SC-RENDER-002's 300 ms allowance, a platform rendering 3 % slower than the rate falls behind)
SESSION = {"width": 160, "height": 90, "frames": 600, "fps": 60}
#: how many one-frame streams are timed for the first-frame latency (the median is judged)
LATENCY_TRIES = 3
#: the inputs SC-RENDER-003 sends, one a request: where each places the box along its track (0 left,
#: 1 right); none is 0, where a one-frame stream without input has it, so an ignored input shows
INPUTS = (0.25, 0.5, 0.75)


def scene_frame(width: int, height: int, n: int, frames: int, box: float | None = None) -> Floats:
    """Frame ``n`` of annex D's test scene: grey levels in [0, 1], shape (height, width); with a
    user's input ``box`` (0..1), the box stands at that fraction of its track in every frame."""
    image = _background(width, height).copy()
    t = n / max(1, frames - 1) if box is None else box
    box_w, box_h = int(0.2 * width), int(0.3 * height)
    left = int(round(t * (width - box_w)))
    top = height // 3 - box_h // 2
    image[top:top + box_h, left:left + box_w] = 0.85
    return image


@functools.lru_cache(maxsize=4)
def _background(width: int, height: int) -> Floats:
    """The scene without its box, drawn once a size (at 1920 x 1080 drawing it takes tens of ms)."""
    y, x = np.mgrid[0:height, 0:width]
    image = 0.2 + 0.5 * ((x / width) + (y / height)) / 2
    floor = y >= (2 * height) // 3
    image[floor] = np.where(((x[floor] // 8) + (y[floor] // 8)) % 2 == 0, 0.35, 0.55)
    image.setflags(write=False)
    return image


@dataclass(frozen=True)
class Decoded:
    """A stream's frames (grey [0, 1]) and their presentation times in seconds."""

    frames: list[Floats]
    times: list[float]


class Undecodable(ValueError):
    """The stream does not decode as a video."""


class OtherFormat(Undecodable):
    """The stream is video of another codec or in another file than annex D names (H.264 in an MP4
    file): judged, not decoded, since the steps decode H.264 in MP4 and nothing else."""

    def __init__(self, container: str, codec: str) -> None:
        super().__init__(f"{codec} video, its file format {container}")
        self.container, self.codec = container, codec


class NoDecoder(Undecodable):
    """PyAV is not installed (the `media` extra): a state of the test equipment, never the
    platform's fail, so the checks give it as inconclusive rather than a finding."""


def _av() -> Any:
    try:
        import av  # noqa: PLC0415 (the media extra)
    except ImportError:
        raise NoDecoder(f"decoding needs PyAV ({install_hint('media')})") from None
    return av


def _named_format(container: Any, data: bytes) -> None:
    """Raises OtherFormat unless the stream is what annex D names: ITU-T H.264 video (FFmpeg's ``h264``)
    in an MP4 file, i.e. an ISO/IEC 14496-12 file (FFmpeg's ISO base media demuxer) opening with its
    file type box (14496-12 4.3) whose major brand is not QuickTime's ``qt  `` (a QuickTime movie, not
    ISO/IEC 14496-14)."""
    codec = container.streams.video[0].codec_context
    iso_file = "mp4" in container.format.name.split(",") and data[4:8] == b"ftyp" and data[8:12] != b"qt  "
    if iso_file and codec.name == "h264":
        return
    found = (f"MP4 (major brand {data[8:12].decode('latin-1')!r})" if iso_file
             else f"{container.format.name} ({container.format.long_name})")
    raise OtherFormat(found, f"{codec.name} ({codec.codec.long_name})")


def _frames(data: bytes, max_frames: int, wanted: Callable[[int], bool]) -> Iterator[tuple[Any, Floats | None]]:
    """The first video track's frames, at most ``max_frames``, each with its grey [0, 1] image where ``wanted`` (its
    index) says so, of a stream that is H.264 in MP4 (OtherFormat otherwise). Raises Undecodable: what PyAV cannot
    open or decode, converting a frame included, is the stream's."""
    av = _av()
    try:
        with av.open(io.BytesIO(data), "r") as container:
            if not container.streams.video:
                raise Undecodable("no video track")
            _named_format(container, data)
            for index, frame in enumerate(container.decode(video=0)):
                yield frame, frame.to_ndarray(format="gray").astype(np.float64) / 255.0 if wanted(index) else None
                if index + 1 >= max_frames:
                    return
    except Undecodable:
        raise  # judged already (an Undecodable is a ValueError, which PyAV also raises)
    except (av.error.FFmpegError, ValueError) as exc:  # type: ignore[attr-defined, unused-ignore]
        raise Undecodable(str(exc)) from None


def decode(data: bytes, max_frames: int = 600) -> Decoded:
    """The frames of the stream's first video track. Raises Undecodable (OtherFormat for a stream
    other than H.264 in MP4)."""
    frames: list[Floats] = []
    times: list[float] = []
    for frame, grey in _frames(data, max_frames, lambda index: True):
        assert grey is not None
        frames.append(grey)
        times.append(float(frame.time or 0.0))
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


def decode_some(data: bytes, keep: tuple[int, ...],
                max_frames: int = 600) -> tuple[int, tuple[int, int], dict[int, Floats]]:
    """How many frames the stream's first video track decodes into, their size (width, height), and
    the frames ``keep`` names in grey [0, 1] (converting every 1920 x 1080 frame would cost more than
    the comparison needs). Raises Undecodable."""
    count, size, kept = 0, (0, 0), {}
    for frame, grey in _frames(data, max_frames, lambda index: index in keep):
        if grey is not None:
            kept[count] = grey
        size = (frame.width, frame.height)
        count += 1
    if not count:
        raise Undecodable("no frame decodes")
    return count, size, kept


def _blocks(image: Floats, side: int) -> Floats:
    height, width = (image.shape[0] // side) * side, (image.shape[1] // side) * side
    return image[:height, :width].reshape(height // side, side, width // side, side).mean(axis=(1, 3))


def display_quality(kept: dict[int, Floats], width: int, height: int, frames: int) -> dict[int, tuple[float, float]]:
    """Each kept frame's PSNR (dB, the whole frame) and SSIM (on copies averaged over
    :data:`SSIM_BLOCK` pixels a side) against the scene's frame (SC-RENDER-004 R1)."""
    from skimage.metrics import peak_signal_noise_ratio, structural_similarity  # noqa: PLC0415 (media extra)

    measured: dict[int, tuple[float, float]] = {}
    for n, got in kept.items():
        want = scene_frame(width, height, n, frames)
        if got.shape != want.shape:
            measured[n] = (0.0, 0.0)
            continue
        psnr = float(min(99.0, peak_signal_noise_ratio(want, got, data_range=1.0)))
        ssim = float(structural_similarity(_blocks(want, SSIM_BLOCK), _blocks(got, SSIM_BLOCK), data_range=1.0))
        measured[n] = (psnr, ssim)
    return measured
