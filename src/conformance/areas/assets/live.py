"""Live streams of generated content, judged from a recording (AS-AIGC-010).

A generated live stream (a virtual presenter, a generated scene broadcast) is labelled like
video: GB 45438-2025 6 asks a persistent label in an interaction interface, the measures
(art. 4 (4)) a prompt on the opening frame and around the playback. A live stream has no
file to carry the label of Annex E once: each media segment is a file the viewer receives.

The platform records its HLS (RFC 8216) media playlist as it changes (successive snapshots of
the live window) with the segments it named, and declares in the asset metadata the
``EXT-X-DATERANGE`` ``CLASS`` it announces the explicit label with. The harness reads those
files (no network) and checks:

- the recording is a sequence of media playlists whose media sequence numbers are continuous
  (a number names one segment URI in every snapshot, a snapshot starts no later than one past
  the end of the previous, numbers never go back) and whose segments keep the target duration;
- every snapshot carries a label date range, of the declared class, whose text holds the AI
  and generation elements and whose span covers each of its segments (by program date-time);
  RFC 8216 4.3.2.7 requires a PROGRAM-DATE-TIME wherever a DATERANGE is;
- every segment carries the implicit label as ID3 timed metadata (a TXXX frame ``AIGC``): in
  an MPEG-2 transport stream segment in the metadata stream its PMT names (stream_type 0x15,
  as Apple's "Timed Metadata for HTTP Live Streaming" carries ID3), in a packed audio segment
  as its leading ID3 tag (RFC 8216 3.4), in a fragmented MP4 segment in an ``emsg`` box of
  the ID3 scheme (AOM "Carriage of ID3 Timed Metadata in CMAF").
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mutagen.id3 import ID3, ID3NoHeaderError

ID3_EMSG_SCHEME = "https://aomedia.org/emsg/ID3"
TS_PACKET = 188


class NotPlaylist(ValueError):
    """Not an RFC 8216 media playlist."""


@dataclass
class Segment:
    sequence: int
    uri: str
    duration: float
    start: datetime | None  # its program date-time, given or carried from an earlier segment


@dataclass
class Playlist:
    target_duration: int
    media_sequence: int
    segments: list[Segment] = field(default_factory=list)
    dateranges: list[dict[str, str]] = field(default_factory=list)
    has_pdt: bool = False
    ended: bool = False
    map_uri: str | None = None  # EXT-X-MAP: the fragmented-MP4 segments' initialization section


#: tags only a multivariant playlist holds (RFC 8216 4.3.4; EXT-X-CONTENT-STEERING, RFC 8216bis)
_MULTIVARIANT_TAGS = ("#EXT-X-STREAM-INF", "#EXT-X-I-FRAME-STREAM-INF", "#EXT-X-MEDIA:", "#EXT-X-SESSION-DATA",
                      "#EXT-X-SESSION-KEY", "#EXT-X-CONTENT-STEERING")
_ATTRIBUTE = re.compile(r'([A-Z0-9-]+)=("[^"\r\n]*"|[^,]*)')


def attributes(text: str) -> dict[str, str]:
    """An attribute list (RFC 8216 4.2): names to values, quoted strings unquoted."""
    return {name: value[1:-1] if value.startswith('"') else value for name, value in _ATTRIBUTE.findall(text)}


def parse(text: str) -> Playlist:
    """A media playlist's segments (with sequence numbers and program date-times), its date
    ranges and whether it ended. Raises NotPlaylist with the reason."""
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines()]
    if not lines or lines[0] != "#EXTM3U":
        raise NotPlaylist("it does not begin with #EXTM3U")
    if any(line.startswith(_MULTIVARIANT_TAGS) for line in lines):
        raise NotPlaylist("it is a multivariant (master) playlist, not a media playlist")
    target: int | None = None
    sequence = 0
    playlist = Playlist(0, 0)
    duration: float | None = None
    when: datetime | None = None
    for number, line in enumerate(lines[1:], start=2):
        if line.startswith("#EXT-X-TARGETDURATION:"):
            target = _integer(line.split(":", 1)[1], number)
        elif line.startswith("#EXT-X-MEDIA-SEQUENCE:"):
            if playlist.segments:
                raise NotPlaylist(f"line {number}: EXT-X-MEDIA-SEQUENCE after the first segment")
            sequence = playlist.media_sequence = _integer(line.split(":", 1)[1], number)
        elif line.startswith("#EXTINF:"):
            try:
                duration = float(line.split(":", 1)[1].split(",", 1)[0])
            except ValueError:
                raise NotPlaylist(f"line {number}: EXTINF has no decimal duration") from None
        elif line.startswith("#EXT-X-PROGRAM-DATE-TIME:"):
            when = _date(line.split(":", 1)[1], number)
            playlist.has_pdt = True
        elif line.startswith("#EXT-X-DATERANGE:"):
            playlist.dateranges.append(attributes(line.split(":", 1)[1]))
        elif line.startswith("#EXT-X-MAP:"):
            playlist.map_uri = playlist.map_uri or attributes(line.split(":", 1)[1]).get("URI")
        elif line == "#EXT-X-ENDLIST":
            playlist.ended = True
        elif line and not line.startswith("#"):
            if duration is None:
                raise NotPlaylist(f"line {number}: segment {line!r} has no EXTINF")
            playlist.segments.append(Segment(sequence, line, duration, when))
            sequence += 1
            when = when + timedelta(seconds=duration) if when is not None else None
            duration = None
    if duration is not None:
        raise NotPlaylist("its last EXTINF names no segment (a truncated playlist)")
    if target is None:
        raise NotPlaylist("it has no EXT-X-TARGETDURATION")
    playlist.target_duration = target
    return playlist


def _integer(text: str, number: int) -> int:
    if not re.fullmatch(r"\d{1,20}", text.strip()):
        raise NotPlaylist(f"line {number}: {text!r} is not a decimal integer")
    return int(text)


def _date(text: str, number: int) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise NotPlaylist(f"line {number}: {text!r} is not an ISO 8601 date-time") from None
    if value.tzinfo is None:
        raise NotPlaylist(f"line {number}: {text!r} has no time zone")
    return value


def continuity(snapshots: list[Playlist]) -> Iterator[tuple[int, str]]:
    """(snapshot index, what breaks) for each break in the recording's sequence numbering."""
    named: dict[int, str] = {}
    previous: Playlist | None = None
    for index, playlist in enumerate(snapshots):
        for segment in playlist.segments:
            if segment.duration > playlist.target_duration + 0.5:  # RFC 8216 4.3.3.1: rounded
                yield index, f"segment {segment.sequence} lasts {segment.duration} s, over the target duration " \
                             f"{playlist.target_duration} s"
            if named.setdefault(segment.sequence, segment.uri) != segment.uri:
                yield index, f"sequence number {segment.sequence} names {segment.uri!r}, earlier " \
                             f"{named[segment.sequence]!r}"
        if previous is not None:
            if playlist.media_sequence < previous.media_sequence:
                yield index, f"EXT-X-MEDIA-SEQUENCE went back from {previous.media_sequence} to " \
                             f"{playlist.media_sequence}"
            last = previous.media_sequence + len(previous.segments) - 1
            if playlist.media_sequence > last + 1:
                yield index, f"segments {last + 1} to {playlist.media_sequence - 1} were never in a playlist"
        previous = playlist


def label_ranges(playlist: Playlist, label_class: str) -> list[dict[str, str]]:
    return [d for d in playlist.dateranges if d.get("CLASS") == label_class]


def uncovered(playlist: Playlist, ranges: list[dict[str, str]]) -> list[Segment]:
    """The segments no range covers from start to end (START-DATE to END-DATE, or START-DATE
    plus DURATION, or open-ended when neither is given, RFC 8216 4.3.2.7)."""
    spans: list[tuple[datetime, datetime | None]] = []
    for item in ranges:
        try:
            start = datetime.fromisoformat(item.get("START-DATE", "").replace("Z", "+00:00"))
            end = (datetime.fromisoformat(item["END-DATE"].replace("Z", "+00:00")) if "END-DATE" in item
                   else start + timedelta(seconds=float(item["DURATION"])) if "DURATION" in item else None)
        except (ValueError, TypeError):
            continue
        if start.tzinfo is None or (end is not None and end.tzinfo is None):
            continue
        spans.append((start, end))
    return [s for s in playlist.segments
            if s.start is None or not any(a <= s.start and (b is None or s.start + timedelta(seconds=s.duration) <= b)
                                          for a, b in spans)]


def segment_labels(data: bytes) -> list[str] | None:
    """The texts of the ID3 TXXX frames named AIGC a segment carries, by the segment's form;
    None when the form is none of TS, packed audio with ID3, fragmented MP4."""
    if len(data) >= TS_PACKET and data[0] == 0x47 and data[TS_PACKET:TS_PACKET + 1] in (b"G", b""):
        return [text for tag in _ts_id3(data) for text in _txxx(tag)]
    if data[:3] == b"ID3":
        return _txxx(data)
    if data[4:8] in (b"ftyp", b"styp", b"moof", b"emsg"):
        return [text for tag in _emsg_id3(data) for text in _txxx(tag)]
    return None


def _txxx(tag: bytes) -> list[str]:
    try:
        frames = ID3(io.BytesIO(tag))
    except (ID3NoHeaderError, Exception):  # noqa: BLE001 - mutagen raises many kinds on broken tags
        return []
    return [str(frame.text[0]) if frame.text else "" for frame in frames.getall("TXXX") if frame.desc == "AIGC"]


def _ts_id3(data: bytes) -> Iterator[bytes]:
    """The PES payloads of the metadata stream (stream_type 0x15) the PMT names."""
    pmt_pid: int | None = None
    metadata_pids: set[int] = set()
    pes: dict[int, bytearray] = {}
    for at in range(0, len(data) - TS_PACKET + 1, TS_PACKET):
        packet = data[at:at + TS_PACKET]
        if packet[0] != 0x47:
            return
        start = bool(packet[1] & 0x40)
        pid = ((packet[1] & 0x1F) << 8) | packet[2]
        control = (packet[3] >> 4) & 0x3
        offset = 4 + (1 + packet[4] if control & 0x2 else 0)
        if not control & 0x1 or offset >= TS_PACKET:
            continue
        payload = packet[offset:]
        if pid == 0 and start:
            section = payload[1 + payload[0]:]
            if len(section) >= 16:
                pmt_pid = ((section[10] & 0x1F) << 8) | section[11]
        elif pid == pmt_pid and start:
            section = payload[1 + payload[0]:]
            length = ((section[1] & 0x0F) << 8) | section[2]
            info = ((section[10] & 0x0F) << 8) | section[11]
            at_es, end = 12 + info, min(3 + length - 4, len(section))
            while at_es + 5 <= end:
                kind, es_pid = section[at_es], ((section[at_es + 1] & 0x1F) << 8) | section[at_es + 2]
                if kind == 0x15:
                    metadata_pids.add(es_pid)
                at_es += 5 + (((section[at_es + 3] & 0x0F) << 8) | section[at_es + 4])
        elif pid in metadata_pids:
            if start:
                if pid in pes:
                    yield _pes_payload(bytes(pes[pid]))
                pes[pid] = bytearray(payload)
            elif pid in pes:
                pes[pid] += payload
    for body in pes.values():
        yield _pes_payload(bytes(body))


def _pes_payload(pes: bytes) -> bytes:
    if pes[:3] != b"\x00\x00\x01" or len(pes) < 9:
        return b""
    return pes[9 + pes[8]:]


def _emsg_id3(data: bytes) -> Iterator[bytes]:
    at = 0
    while at + 8 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, at)
        if size < 8 or at + size > len(data):
            return
        if kind == b"emsg" and size > 12:
            body = data[at + 12:at + size]
            version = data[at + 8]
            if version == 1 and len(body) > 20:
                body = body[20:]
            strings = body.split(b"\x00", 2)
            if len(strings) == 3 and strings[0].decode("latin-1") == ID3_EMSG_SCHEME:
                rest = strings[2] if version == 1 else strings[2][16:]
                yield rest
        at += size


def sound_segments(snapshots: list[Playlist]) -> tuple[list[str], str | None]:
    """The URIs of a recording's segments by media sequence number, each once, and the
    initialization section fragmented-MP4 segments need (EXT-X-MAP, RFC 8216 4.3.2.5)."""
    order: dict[int, str] = {}
    for playlist in snapshots:
        for segment in playlist.segments:
            order.setdefault(segment.sequence, segment.uri)
    return [order[n] for n in sorted(order)], next((p.map_uri for p in snapshots if p.map_uri), None)
