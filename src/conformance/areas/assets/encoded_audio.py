"""Compressed audio, and the audio track of a video, decoded to PCM for the voice-prompt check
(AS-AIGC-009), with PyAV (FFmpeg's demuxers and decoders, bundled in PyAV's wheels).

The container is named by its leading bytes here, never by FFmpeg's probe: a probe may pick a
demuxer that opens other files or URLs (a playlist, a concat list), and a file the harness was
given must be read alone. Only containers that carry audio a generation service ships are
named: MP3 (ISO/IEC 11172-3, with or without an ID3v2 tag), AAC in ADTS (ISO/IEC 13818-7, with
or without one), MPEG-2 transport streams (a live stream's segments, joined), MP4
and its kin (ISO/IEC 14496-12/14: .mp4, .m4a, .mov), Ogg (RFC 3533; Opus, Vorbis, FLAC), Matroska
and WebM, and FLAC. The first audio track is decoded; a video's pictures are never decoded.

Everything is bounded before and while decoding: a file over :data:`MAX_BYTES`, a declared
duration over the cap, decoded audio running past it, or more packets than the cap could hold
is refused with the reason (OverBound, a kind of Undecodable: a reading bound, so the caller may
leave it unjudged); so are a stream whose packets fail to decode beyond
a damaged frame or two (players skip those), a codec FFmpeg cannot decode, a sample rate that
changes mid-stream and a container with no audio track.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from numpy.typing import NDArray

from conformance.area import install_hint

#: the largest compressed file decoded (a bound, as the 30-minute duration cap is)
MAX_BYTES = 256 * 1024 * 1024
#: zero bytes skipped before an MP3 or ADTS frame
_MAX_PADDING = 64 * 1024
#: packets that fail to decode, out of every 100, before the file is refused; a damaged
#: frame or two is skipped as players skip it
_BAD_PACKETS_PERCENT = 5
#: packets per second of audio at most (Opus's shortest frame is 2.5 ms: 400 a second)
_PACKETS_PER_SECOND = 500


class Undecodable(ValueError):
    """Not audio this module decodes, or over a bound; the message says which."""


class NoDecoder(Undecodable):
    """PyAV is not installed (the `media` extra): compressed audio cannot be judged here."""


class OverBound(Undecodable):
    """Past a reading bound (:data:`MAX_BYTES`, the duration cap): not judged, rather than audio that does not
    decode (issue 76, sixty-fourth reading, bx2)."""


def container(data: bytes) -> str | None:
    """The FFmpeg demuxer for the file's leading bytes, or None when it is no container this
    module reads."""
    if data[:3] == b"ID3":
        # an ID3v2 tag leads MP3 files and packed AAC (RFC 8216 3.4): what follows it decides
        return "aac" if _after_id3(data)[:2] in (b"\xff\xf1", b"\xff\xf9") else "mp3"
    if data[:1] == b"\x47" and (len(data) <= 188 or data[188:189] == b"\x47"):
        return "mpegts"  # MPEG-2 TS (ISO/IEC 13818-1): the sync byte every 188 bytes
    if data[:4] == b"OggS":
        return "ogg"
    if data[:4] == b"fLaC":
        return "flac"
    if data[:4] == b"\x1a\x45\xdf\xa3":  # the EBML magic of Matroska and WebM
        return "matroska"
    if data[4:8] == b"ftyp":
        return "mov"
    # MP3 and ADTS streams may start after padding (zero bytes), which their demuxers skip
    at = len(data[:_MAX_PADDING]) - len(data[:_MAX_PADDING].lstrip(b"\0"))
    if len(data) >= at + 2 and data[at] == 0xFF:
        if data[at + 1] & 0xF6 == 0xF0:  # ADTS: sync word, layer 00
            return "aac"
        if data[at + 1] & 0xE0 == 0xE0 and data[at + 1] & 0x06:  # an MPEG audio frame of layer I, II or III
            return "mp3"
    return None


def _after_id3(data: bytes) -> bytes:
    """The bytes after the leading ID3v2 tags (at most 8, each header's syncsafe size)."""
    at = 0
    for _ in range(8):
        head = data[at:at + 10]
        if len(head) < 10 or head[:3] != b"ID3":
            break
        size = ((head[6] & 0x7F) << 21) | ((head[7] & 0x7F) << 14) | ((head[8] & 0x7F) << 7) | (head[9] & 0x7F)
        at += 10 + size + (10 if head[5] & 0x10 else 0)  # a footer repeats the header
    return data[at:at + 4]


def decode(data: bytes, max_seconds: float) -> tuple[NDArray[np.float64], int]:
    """The first audio track's samples, channels averaged, in [-1, 1], and their rate."""
    demuxer = container(data)
    if demuxer is None:
        raise Undecodable("not MP3, AAC (ADTS), MPEG-2 TS, MP4, Ogg, Matroska/WebM or FLAC by its leading bytes")
    if len(data) > MAX_BYTES:
        raise OverBound(f"{len(data)} bytes: over the {MAX_BYTES} bytes decoded")
    try:
        import av
    except ImportError:
        raise NoDecoder(f"PyAV is not installed ({install_hint('media')})") from None
    try:
        with av.open(io.BytesIO(data), format=demuxer, metadata_errors="ignore") as source:
            return _first_track(source, max_seconds)
    except av.FFmpegError as exc:
        raise Undecodable(f"{demuxer}: {exc}") from None
    except (ValueError, OSError, EOFError, MemoryError) as exc:  # PyAV's own refusals of bad input
        if isinstance(exc, Undecodable):
            raise
        raise Undecodable(f"{demuxer}: {type(exc).__name__}: {exc}") from None


def _first_track(source: Any, max_seconds: float) -> tuple[NDArray[np.float64], int]:
    import av
    tracks = [s for s in source.streams if s.type == "audio"]
    if not tracks:
        kinds = sorted({s.type for s in source.streams}) or ["nothing"]
        raise Undecodable(f"no audio track (the container holds {', '.join(kinds)})")
    track = tracks[0]
    declared = _declared_seconds(source, track)
    if declared is not None and declared > max_seconds:
        raise OverBound(f"it declares {declared:.0f} s: over the {max_seconds:.0f} s decoded")
    parts: list[NDArray[np.float64]] = []
    rate: int | None = None
    total = 0
    bad: list[str] = []
    packets = 0
    for packets, packet in enumerate(source.demux(track), start=1):
        if packets > max_seconds * _PACKETS_PER_SECOND:
            raise OverBound(f"over {packets - 1} packets: more than {max_seconds:.0f} s of audio holds")
        try:
            frames = packet.decode()
        except av.InvalidDataError as exc:
            bad.append(str(exc))
            continue
        for frame in frames:
            if rate is None:
                rate = int(frame.sample_rate)
            elif frame.sample_rate != rate:
                raise Undecodable(f"the sample rate changes from {rate} to {frame.sample_rate} Hz mid-stream")
            mono = _mono(frame)
            total += len(mono)
            if rate <= 0:
                raise Undecodable(f"a sample rate of {rate} Hz")
            if total > rate * max_seconds:
                raise OverBound(f"decoded audio runs past the {max_seconds:.0f} s decoded")
            parts.append(mono)
    if len(bad) > max(2, packets * _BAD_PACKETS_PERCENT // 100):
        raise Undecodable(f"{len(bad)} of {packets} packets do not decode: {bad[0]}")
    if rate is None or not parts:
        raise Undecodable(f"the {track.codec_context.name} track decodes to no audio" +
                          (f" ({len(bad)} packets do not: {bad[0]})" if bad else ""))
    return np.concatenate(parts), rate


def _declared_seconds(source: Any, track: Any) -> float | None:
    if track.duration is not None and track.time_base is not None:
        return float(track.duration * track.time_base)
    if source.duration is not None:
        return source.duration / 1_000_000  # AV_TIME_BASE
    return None


#: full scale of FFmpeg's integer sample formats (planar or packed)
_FULL_SCALE = {"u8": 128.0, "s16": 32768.0, "s32": 2.0 ** 31, "s64": 2.0 ** 63}


def _mono(frame: Any) -> NDArray[np.float64]:
    channels = max(1, len(frame.layout.channels))
    name = frame.format.name.rstrip("p")
    array = frame.to_ndarray().astype(np.float64)
    if not frame.format.is_planar:
        array = array.reshape(-1, channels).T
    if name == "u8":
        array = array - 128.0
    if name in _FULL_SCALE:
        array = array / _FULL_SCALE[name]
    elif name not in ("flt", "dbl"):
        raise Undecodable(f"sample format {frame.format.name} is not read")
    mono: NDArray[np.float64] = array.reshape(channels, -1).mean(axis=0)
    return mono
