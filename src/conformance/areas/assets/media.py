"""Implicit labels inside image, audio and video files of AI-generated assets (AS-AIGC-005)
and the media's duration for where an explicit label is declared (AS-AIGC-007).

GB 45438-2025 Annex E gives the label's members and says it goes into the file's metadata;
where in each format is the format's own place for extensible metadata:

- XMP (ISO 16684-1), property ``AIGC`` in the namespace ``http://www.tc260.org.cn/ns/AIGC/1.0/``
  (the TC260 practice guide's, and what labelled images from Chinese services carry): in PNG
  as the iTXt ``XML:com.adobe.xmp``, in JPEG as the APP1 XMP packet, in MP4/MOV as the XMP
  ``uuid`` box (XMP Specification Part 3, 1.2.7) or QuickTime's ``moov/udta/XMP_``;
- a text field named ``AIGC``: a PNG tEXt/iTXt/zTXt keyword, an ID3v2 ``TXXX`` frame (MP3,
  and WAV's ``id3`` chunk), a Vorbis comment (FLAC, Ogg), an MP4 ``----`` item of mean
  ``com.apple.iTunes``;
- Annex E's string form ``{"AIGC": {...}}`` in a general comment: JPEG Exif ``UserComment``,
  RIFF ``LIST/INFO/ICMT``.

Files are read through the target's bounded read (whole, within its size cap) and parsed in
memory: PNG, RIFF and ISO-BMFF by a box walk of a few lines each, bounded by the bytes read;
JPEG by Pillow, which parses its markers without decoding pixels; audio tags and durations by
mutagen (pure Python, every format above). Labels are tags, so nothing is decoded here; PyAV
(FFmpeg) decodes samples only where the voice prompt must be heard (encoded_audio.py).
"""

from __future__ import annotations

import io
import re
import struct
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import orjson

from conformance import msg

if TYPE_CHECKING:
    from conformance.area import JsonValue

#: XMP namespace of the implicit label (TC260 practice guide for GB 45438-2025)
TC260_NS = "http://www.tc260.org.cn/ns/AIGC/1.0/"
#: IPTC Photo Metadata: Digital Source Type (an IPTC NewsCodes URI)
IPTC_EXT_NS = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
#: the IPTC digital source types of AI-generated media (``algorithmicMedia``, made by an
#: algorithm without training data, is not among them)
IPTC_GENERATED = ("trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia")
#: XMP Specification Part 3, 1.2.7: the uuid of the XMP box in ISO-BMFF files
XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
_XMP_KEYWORD = "XML:com.adobe.xmp"
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: an XMP packet with a DTD is refused (entity expansion); real XMP packets carry none
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
#: a compressed PNG text chunk is inflated to at most 1 MiB: 5.1's reading bound 「PNG 文本块的解压大小」; a file with
#: a chunk inflating past it is not judged (MediaInfo.past_bound), never failed for it (sixty-ninth reading,
#: h133-media: the text was cut silently and the cut text judged)
_MAX_TEXT = 1 << 20
#: ISO-BMFF container boxes, and how deep real files nest them (mutagen recurses into them)
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"udta", b"edts", b"dinf", b"mvex", b"moof", b"traf"}
#: ISO/IEC 14496-12 nests these containers at most 5 deep (moov/trak/mdia/minf/stbl); a file nesting them deeper than
#: 16 is no file of the format: Unreadable, a finding the cases reading MP4 and MOV files state (h133-media)
MAX_BOX_DEPTH = 16

IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg"}
AUDIO_TYPES = {"audio/wav": ".wav", "audio/x-wav": ".wav", "audio/wave": ".wav", "audio/vnd.wave": ".wav",
               "audio/mpeg": ".mp3", "audio/flac": ".flac", "audio/ogg": ".ogg", "audio/mp4": ".m4a"}
VIDEO_TYPES = {"video/mp4": ".mp4", "video/quicktime": ".mov"}
_SUFFIXES = {".png": "image", ".jpg": "image", ".jpeg": "image", ".wav": "audio", ".mp3": "audio",
             ".flac": "audio", ".ogg": "audio", ".oga": "audio", ".m4a": "audio", ".mp4": "video",
             ".m4v": "video", ".mov": "video"}


@dataclass(frozen=True)
class Carried:
    """One implicit label found in a file: where, and its value (the members, or the text)."""

    where: str
    value: JsonValue


@dataclass(frozen=True)
class MediaInfo:
    """What a media file says about generation: the labels it carries, its IPTC digital
    source type (if any), and its duration in seconds (audio and video)."""

    labels: list[Carried]
    source_type: str | None = None
    duration: float | None = None
    #: why the labels were not all read (a text chunk past 5.1's bound): the file's labels are not judged
    past_bound: str | None = None


class OverBound(Exception):
    """A file's labels are past a reading bound: not judged (not an Unreadable, which is a finding)."""


class Unreadable(ValueError):
    """The file is not a readable file of its declared format."""


def media_kind(item: JsonValue) -> str | None:
    """``image``, ``audio`` or ``video`` for a content reference of a format this module
    reads (by media type, else by file name), else None."""
    if not isinstance(item, dict) or not isinstance(item.get("uri"), str):
        return None
    media = str(item.get("media_type", "")).split(";")[0].strip().lower()
    for kind, types in (("image", IMAGE_TYPES), ("audio", AUDIO_TYPES), ("video", VIDEO_TYPES)):
        if media in types:
            return kind
    uri = item.get("uri")
    uri = uri if isinstance(uri, str) else ""
    suffix = "." + uri.rsplit("?", 1)[0].rsplit(".", 1)[-1].lower() if "." in uri else ""
    return _SUFFIXES.get(suffix)


def members(value: JsonValue) -> JsonValue:
    """A carried text as the label's members: Annex E's ``{"AIGC": {...}}`` or the XMP
    property's bare object; text that is neither stays text (AS-AIGC-002's reader says why)."""
    if not isinstance(value, str):
        return value
    try:
        parsed = orjson.loads(value)
    except orjson.JSONDecodeError:
        return value
    if isinstance(parsed, dict) and set(parsed) == {"AIGC"}:
        return parsed["AIGC"] if isinstance(parsed["AIGC"], dict) else value
    return parsed if isinstance(parsed, dict) else value


def read(data: bytes, kind: str) -> MediaInfo:
    """The labels, source type and duration of a file's bytes. Raises Unreadable."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png(data)
    if data[:3] == b"\xff\xd8\xff":
        return _jpeg(data)
    if kind == "image":
        raise Unreadable("neither a PNG nor a JPEG file")
    if data[4:8] == b"ftyp":
        _bounded_nesting(data)
    info = _mutagen(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        info = MediaInfo(info.labels + list(_riff_info(data)), info.source_type, info.duration)
    elif data[4:8] == b"ftyp":
        boxes = list(_xmp_boxes(data))
        labels, source = _from_xmps(boxes)
        info = MediaInfo(info.labels + labels, source or info.source_type, info.duration)
    return info


def _png(data: bytes) -> MediaInfo:
    """PNG (ISO/IEC 15948, 11.3.4): text chunks anywhere before IEND, inflated boundedly."""
    labels: list[Carried] = []
    xmps: list[tuple[str, bytes]] = []
    past: str | None = None
    for kind, body in _png_chunks(data):
        if kind not in (b"tEXt", b"zTXt", b"iTXt"):
            continue
        keyword, _, rest = body.partition(b"\0")
        name = keyword.decode("latin-1")
        where = f"PNG {kind.decode()} {name}"
        if kind == b"tEXt":
            text = rest.decode("latin-1")
        elif kind == b"zTXt":
            raw = _inflate(rest[1:])
            if raw is None:
                past = past or where
                continue
            text = raw.decode("latin-1")
        else:
            compressed, rest = rest[:1] == b"\1", rest[2:]
            _, _, rest = rest.partition(b"\0")  # language tag
            _, _, rest = rest.partition(b"\0")  # translated keyword
            raw = _inflate(rest) if compressed else rest
            if raw is None:
                past = past or where
                continue
            text = raw.decode("utf-8", "replace")
        if name == "AIGC":
            labels.append(Carried(where, members(text)))
        elif name == _XMP_KEYWORD:
            xmps.append((where, text.encode("utf-8")))
    found, source = _from_xmps(xmps)
    if past is not None:
        return MediaInfo(labels + found, source, past_bound=msg("assets.media-text-past-bound", chunk=past,
                                                                limit=_MAX_TEXT))
    return MediaInfo(labels + found, source)


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    at = 8
    while at + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, at)
        if at + 12 + length > len(data):
            raise Unreadable(f"the PNG chunk {kind!r} at byte {at} runs past the end of the file")
        yield kind, data[at + 8:at + 8 + length]
        if kind == b"IEND":
            return
        at += 12 + length
    raise Unreadable("the PNG file ends without an IEND chunk")


def _inflate(data: bytes) -> bytes | None:
    """A compressed text chunk's text, None when it inflates past _MAX_TEXT (5.1's bound: not judged)."""
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(data, _MAX_TEXT)
        if inflater.unconsumed_tail and inflater.decompress(inflater.unconsumed_tail, 1):
            return None
    except zlib.error as exc:
        raise Unreadable(f"a compressed PNG text chunk does not inflate: {exc}") from None
    return text


def _jpeg(data: bytes) -> MediaInfo:
    """JPEG: the APP1 XMP packet and Exif UserComment, through Pillow (markers only)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings(), Image.open(io.BytesIO(data)) as image:
            warnings.simplefilter("ignore")  # Exif tags past the end: read what is there
            xmp = image.info.get("xmp")
            exif = image.getexif().get_ifd(0x8769)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise Unreadable(f"not a readable JPEG file: {exc}") from None
    labels, source = _from_xmps([("JPEG APP1 XMP", xmp)] if isinstance(xmp, bytes) else [])
    comment = exif.get(0x9286)  # UserComment: an 8-byte character code, then the text
    if isinstance(comment, bytes):
        code, body = comment[:8], comment[8:]
        text = body.decode("utf-16" if code.startswith(b"UNICODE") else "utf-8", "replace").rstrip("\0")
        if "AIGC" in text:
            labels.append(Carried("JPEG Exif UserComment", members(text)))
    return MediaInfo(labels, source)


def _mutagen(data: bytes) -> MediaInfo:
    """Audio and MP4 tags and the duration, through mutagen."""
    import mutagen

    try:
        found = mutagen.File(io.BytesIO(data))
    except (mutagen.MutagenError, RecursionError) as exc:  # RecursionError: a backstop for deep nesting
        raise Unreadable(f"not a readable audio or video file: {exc}") from None
    if found is None:
        raise Unreadable("not an audio or video format mutagen knows")
    labels: list[Carried] = []
    for key, value in (found.tags.items() if found.tags is not None else []):
        where = _tag_place(str(key))
        if where is None:
            continue
        texts = getattr(value, "text", value)
        for text in texts if isinstance(texts, list) else [texts]:
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            labels.append(Carried(where, members(str(text))))
    length = getattr(found.info, "length", None)
    return MediaInfo(labels, None, float(length) if isinstance(length, (int, float)) and length > 0 else None)


def _tag_place(key: str) -> str | None:
    if key == "TXXX:AIGC":
        return "ID3v2 TXXX AIGC"
    if key == "----:com.apple.iTunes:AIGC":
        return "MP4 ilst ----:com.apple.iTunes:AIGC"
    if key.upper() == "AIGC":
        return "Vorbis comment AIGC"
    return None


def _riff_info(data: bytes) -> Iterator[Carried]:
    """RIFF (WAV): the comment ICMT of a LIST/INFO chunk holding Annex E's string form."""
    for kind, body in _riff_chunks(data, 12, len(data)):
        if kind == b"LIST" and body[:4] == b"INFO":
            for sub, text in _riff_chunks(body, 4, len(body)):
                value = text.rstrip(b"\0").decode("utf-8", "replace")
                if sub == b"ICMT" and "AIGC" in value:
                    yield Carried("RIFF LIST/INFO ICMT", members(value))


def _riff_chunks(data: bytes, at: int, end: int) -> Iterator[tuple[bytes, bytes]]:
    while at + 8 <= end:
        kind, size = struct.unpack_from("<4sI", data, at)
        yield kind, data[at + 8:min(at + 8 + size, end)]
        at += 8 + size + (size & 1)


def _bounded_nesting(data: bytes) -> None:
    """ISO-BMFF container boxes nested deeper than MAX_BOX_DEPTH are refused before mutagen,
    which walks them recursively, reads them."""
    stack = [(0, len(data), 0)]
    while stack:
        at, end, depth = stack.pop()
        for kind, start, stop in _boxes(data, at, end):
            if kind in _CONTAINERS:
                if depth + 1 > MAX_BOX_DEPTH:
                    raise Unreadable(f"ISO-BMFF container boxes nested deeper than {MAX_BOX_DEPTH}")
                stack.append((start, stop, depth + 1))


def _xmp_boxes(data: bytes) -> Iterator[tuple[str, bytes]]:
    """ISO-BMFF (ISO/IEC 14496-12, 4.2): the XMP ``uuid`` box at the top level and the
    QuickTime ``moov/udta/XMP_`` box."""
    for kind, start, stop in _boxes(data, 0, len(data)):
        if kind == b"uuid" and data[start:start + 16] == XMP_UUID:
            yield "ISO-BMFF uuid XMP box", data[start + 16:stop]
        elif kind == b"moov":
            for inner, at, end in _boxes(data, start, stop):
                if inner == b"udta":
                    for leaf, first, last in _boxes(data, at, end):
                        if leaf == b"XMP_":
                            yield "QuickTime moov/udta/XMP_", data[first:last]


def _boxes(data: bytes, at: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """Each box between ``at`` and ``end``: its type and where its body starts and stops."""
    while at + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, at)
        header = 8
        if size == 1:
            if at + 16 > end:
                return
            size, header = struct.unpack_from(">Q", data, at + 8)[0], 16
        elif size == 0:
            size = end - at
        if size < header:
            raise Unreadable(f"the box {kind!r} at byte {at} declares a size smaller than its header")
        yield kind, at + header, min(at + size, end)
        at += size


def _from_xmps(packets: list[tuple[str, bytes]]) -> tuple[list[Carried], str | None]:
    labels: list[Carried] = []
    source = None
    for where, packet in packets:
        root = _xmp(packet)
        for node in root.iter(f"{{{_RDF_NS}}}Description"):
            for value in _property(node, TC260_NS, "AIGC"):
                labels.append(Carried(f"{where} TC260:AIGC", members(value)))
            for value in _property(node, IPTC_EXT_NS, "DigitalSourceType"):
                source = source or value.strip().rsplit("/", 1)[-1]
    return labels, source


def _xmp(packet: bytes) -> ElementTree.Element:
    packet = packet.strip(b"\0 \r\n\t")
    if _DTD.search(packet):
        raise Unreadable("the XMP packet declares a DTD, which XMP packets do not carry")
    start = packet.find(b"<x:xmpmeta")
    if start < 0:
        start = packet.find(b"<rdf:RDF")
    end = max(packet.rfind(b"</x:xmpmeta>") + len(b"</x:xmpmeta>"), packet.rfind(b"</rdf:RDF>") + len(b"</rdf:RDF>"))
    if start < 0 or end <= start:
        raise Unreadable("the XMP packet holds no x:xmpmeta or rdf:RDF element")
    try:
        return ElementTree.fromstring(packet[start:end])
    except ElementTree.ParseError as exc:
        raise Unreadable(f"the XMP packet is not well-formed XML: {exc}") from None


def _property(node: ElementTree.Element, namespace: str, name: str) -> Iterator[str]:
    """An XMP simple property as an attribute or an element of an rdf:Description."""
    qualified = f"{{{namespace}}}{name}"
    if qualified in node.attrib:
        yield node.attrib[qualified]
    for child in node.findall(qualified):
        yield "".join(child.itertext())
