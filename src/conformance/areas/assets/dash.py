"""MPEG-DASH recordings of generated live streams (AS-AIGC-010), read as live.py reads HLS.

A platform that streams with DASH (ISO/IEC 23009-1) records the MPD as it is updated (for a
live stream, ``MPD@type="dynamic"``; a recording of an on-demand one is a single static MPD)
with the media segments it names. The labels sit where HLS carries them:

- the explicit label for the whole stream is declared in the manifest the player reads: an
  ``EventStream`` of the Period (5.10.2) whose ``@schemeIdUri`` is the declared label class and
  whose Events (``@messageData`` or their text) hold the label's words over a time span, or a
  ``SupplementalProperty`` descriptor (5.8.4.9) of that scheme on the Period, Adaptation Set or
  Representation (its ``@value`` the words), which applies to all of their segments;
- the implicit label is in every media segment as ID3 timed metadata in an ``emsg`` box of the
  ID3 scheme (AOM "Carriage of ID3 Timed Metadata in CMAF"; inband events, 5.10.3), which the
  Representation announces with an ``InbandEventStream`` of that scheme (5.10.3.2) so that a
  player surfaces it.

Segments are listed from ``SegmentTemplate`` (with a ``SegmentTimeline`` (5.3.9.6) or a
constant ``@duration``; ``$Number$``, ``$Time$``, ``$RepresentationID$``, ``$Bandwidth$`` with
their width formats, 5.3.9.4.4), ``SegmentList`` or a single ``BaseURL`` (``SegmentBase``).
Times are presentation times in seconds: Period start plus media time minus the
presentation time offset over the timescale.

The MPD is parsed by defusedxml (no DTD, no entity, no external reference) from at most
:data:`MAX_BYTES`; at most :data:`MAX_SEGMENTS` segments are listed: past either, 5.1's reading bound 「读取的 DASH 清单」,
the MPD is not judged (OverBound, sixty-ninth reading). Anything else wrong is a NotManifest with the reason.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

NS = "urn:mpeg:dash:schema:mpd:2011"
ID3_SCHEME = "https://aomedia.org/emsg/ID3"
#: 5.1's reading bound 「读取的 DASH 清单」: an MPD's bytes and the segments it lists (OverBound past either)
MAX_BYTES = 4 * 1024 * 1024
MAX_SEGMENTS = 100_000


class NotManifest(ValueError):
    """Not a DASH MPD this module reads."""


class OverBound(NotManifest):
    """An MPD past 5.1's reading bound (MAX_BYTES, MAX_SEGMENTS): not judged, never a finding."""


@dataclass
class Segment:
    key: str  # $Number$ or $Time$ value: what names the segment across updates
    uri: str
    start: float
    duration: float


@dataclass
class Representation:
    ident: str
    segments: list[Segment] = field(default_factory=list)
    labels: list[tuple[str, str]] = field(default_factory=list)  # SupplementalProperty (scheme, value)
    inband: set[str] = field(default_factory=set)  # InbandEventStream schemes
    unlisted: str | None = None  # why its segments cannot be listed (e.g. a template without @media)
    init: str | None = None  # its initialization segment, when a template names one
    kind: str = ""  # contentType, else the top-level type of its mimeType ("audio", "video"...)


@dataclass
class Event:
    start: float
    end: float | None
    text: str


@dataclass
class Manifest:
    dynamic: bool
    max_segment_duration: float | None
    representations: list[Representation] = field(default_factory=list)
    events: dict[str, list[Event]] = field(default_factory=dict)  # EventStream scheme -> its events


def looks_like_mpd(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"MPD" in data[:4096]


def _tag(element: Element) -> str:
    """The local name of an element of the MPD namespace. The namespace is compared without
    case and an MPD without one is read too: encoders in use write ``urn:mpeg:DASH:schema:MPD:2011``
    (an early spelling) or none, and players accept both."""
    if not isinstance(element.tag, str):  # a comment or processing instruction
        return ""
    if not element.tag.startswith("{"):
        return element.tag
    space, local = element.tag[1:].split("}", 1)
    return local if space.lower() == NS else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _tag(child) == name]


_DURATION = re.compile(r"^-?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def duration(text: str | None) -> float | None:
    """An xs:duration in seconds (years as 365 days, months as 30: MPDs use D, H, M, S)."""
    if text is None:
        return None
    match = _DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT") or text.strip().startswith("-"):
        raise NotManifest(f"{text!r} is not a non-negative xs:duration")
    years, months, days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return ((years * 365 + months * 30 + days) * 24 + hours) * 3600 + minutes * 60 + seconds


def _date(text: str | None, what: str) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise NotManifest(f"{what} {text!r} is not an xs:dateTime") from None
    # without a zone the time is UTC, as DASH-IF IOP asks and as players read it (encoders in
    # use leave the Z out)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _number(value: str | None, default: int, what: str) -> int:
    if value is None:
        return default
    if not re.fullmatch(r"\s*\d{1,20}\s*", value):
        raise NotManifest(f"{what} {value!r} is not a non-negative integer")
    return int(value)


def _signed(value: str | None, what: str) -> int:
    """An offset that should be unsigned and is negative in content in use (a negative
    presentation time offset moves media time earlier); read as written."""
    if value is not None and re.fullmatch(r"\s*-\d{1,20}\s*", value):
        return int(value)
    return _number(value, 0, what)


def parse(data: bytes) -> Manifest:
    """The representations of every Period with their segments, label properties and inband
    schemes, and the Period EventStreams' events, in presentation time. Raises NotManifest."""
    if len(data) > MAX_BYTES:
        raise OverBound(f"{len(data)} bytes: over the {MAX_BYTES} bytes read")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, SyntaxError, ValueError) as exc:  # ParseError is a SyntaxError
        raise NotManifest(f"not well-formed XML without a DTD: {exc}") from None
    if _tag(root) != "MPD":
        raise NotManifest(f"its root is {root.tag!r}, not an MPD of {NS}")
    kind = root.get("type", "static")
    if kind not in ("static", "dynamic"):
        raise NotManifest(f"MPD@type {kind!r} is neither static nor dynamic")
    dynamic = kind == "dynamic"
    anchor = _date(root.get("availabilityStartTime"), "MPD@availabilityStartTime")
    if dynamic and anchor is None:
        raise NotManifest("a dynamic MPD without an availabilityStartTime (5.3.1.2)")
    published = _date(root.get("publishTime"), "MPD@publishTime")
    now = (published - anchor).total_seconds() if dynamic and published and anchor else None
    manifest = Manifest(dynamic, duration(root.get("maxSegmentDuration")))
    total = duration(root.get("mediaPresentationDuration"))
    depth = duration(root.get("timeShiftBufferDepth"))
    periods = _children(root, "Period")
    if not periods:
        raise NotManifest("it has no Period")
    base = _base(root, "")
    start: float | None = 0.0
    for index, period in enumerate(periods):
        given = duration(period.get("start"))
        start = given if given is not None else start
        if start is None:
            raise NotManifest(f"Period {index + 1} has no start and the previous Period no duration")
        length = duration(period.get("duration"))
        if length is None:
            following = duration(periods[index + 1].get("start")) if index + 1 < len(periods) else total
            length = following - start if following is not None else None
        context = _Context(start, length, now, depth, _base(period, base))
        _events(manifest, period, context)
        for adaptation in _children(period, "AdaptationSet"):
            _adaptation(manifest, period, adaptation, context)
        start = start + length if length is not None else None
    return manifest


@dataclass
class _Context:
    start: float
    length: float | None
    now: float | None  # publishTime on the availability timeline of a dynamic MPD
    depth: float | None
    base: str


def _base(element: Element, base: str) -> str:
    urls = _children(element, "BaseURL")
    text = (urls[0].text or "").strip() if urls else ""
    if not text:
        return base
    if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I) or text.startswith("/"):
        return text
    return base + text


def _events(manifest: Manifest, period: Element, context: _Context) -> None:
    for stream in _children(period, "EventStream"):
        scheme = stream.get("schemeIdUri", "")
        scale = _number(stream.get("timescale"), 1, "EventStream@timescale") or 1
        offset = _number(stream.get("presentationTimeOffset"), 0, "EventStream@presentationTimeOffset")
        for event in _children(stream, "Event"):
            at = context.start + (_number(event.get("presentationTime"), 0, "Event@presentationTime") - offset) / scale
            span = event.get("duration")
            end = at + _number(span, 0, "Event@duration") / scale if span is not None else None
            text = event.get("messageData") or "".join(event.itertext()).strip()
            manifest.events.setdefault(scheme, []).append(Event(at, end, text))


def _descriptors(elements: list[Element], name: str) -> list[tuple[str, str]]:
    return [(d.get("schemeIdUri", ""), d.get("value", "")) for e in elements for d in _children(e, name)]


def _adaptation(manifest: Manifest, period: Element, adaptation: Element, context: _Context) -> None:
    for number, representation in enumerate(_children(adaptation, "Representation")):
        chain = [period, adaptation, representation]
        ident = representation.get("id") or f"{len(manifest.representations)}-{number}"
        found = Representation(ident)
        kind = adaptation.get("contentType") or representation.get("mimeType") or adaptation.get("mimeType") or ""
        found.kind = kind.split("/", 1)[0]
        found.labels = _descriptors(chain, "SupplementalProperty")
        found.inband = {scheme for scheme, _ in _descriptors(chain[1:], "InbandEventStream")}
        base = _base(representation, _base(adaptation, context.base))
        _segments(found, chain, base, context, representation.get("bandwidth", ""))
        manifest.representations.append(found)
        if sum(len(r.segments) for r in manifest.representations) > MAX_SEGMENTS:
            raise OverBound(f"over {MAX_SEGMENTS} segments listed")


def _merged(chain: list[Element], name: str) -> tuple[dict[str, str], list[Element]] | None:
    """A segment information element's attributes, inherited Period -> AdaptationSet ->
    Representation (5.3.9.1), and the nearest one's children."""
    found = [child for element in chain for child in _children(element, name)]
    if not found:
        return None
    attributes: dict[str, str] = {}
    for element in found:
        attributes.update(element.attrib)
    children = next((list(e) for e in reversed(found) if len(e)), [])
    return attributes, children


def _segments(found: Representation, chain: list[Element], base: str, context: _Context, bandwidth: str) -> None:
    template = _merged(chain, "SegmentTemplate")
    listing = _merged(chain, "SegmentList")
    if template is not None:
        _from_template(found, template, base, context, bandwidth)
    elif listing is not None:
        attributes, children = listing
        scale = _number(attributes.get("timescale"), 1, "SegmentList@timescale") or 1
        each = _number(attributes.get("duration"), 0, "SegmentList@duration") / scale
        first = _number(attributes.get("startNumber"), 1, "SegmentList@startNumber")
        urls = [c for c in children if _tag(c) == "SegmentURL"]
        for n, url in enumerate(urls):
            found.segments.append(Segment(str(first + n), base + url.get("media", ""), context.start + n * each, each))
    elif base:
        found.segments.append(Segment("0", base, context.start, context.length or 0.0))


def _from_template(found: Representation, template: tuple[dict[str, str], list[Element]], base: str,
                   context: _Context, bandwidth: str) -> None:
    attributes, children = template
    media = attributes.get("media")
    if media is None:
        found.unlisted = "its SegmentTemplate has no @media"
        return
    scale = _number(attributes.get("timescale"), 1, "SegmentTemplate@timescale") or 1
    offset = _signed(attributes.get("presentationTimeOffset"), "SegmentTemplate@presentationTimeOffset")
    first = _number(attributes.get("startNumber"), 1, "SegmentTemplate@startNumber")
    timeline = next((c for c in children if _tag(c) == "SegmentTimeline"), None)
    times: list[tuple[int, int]] = []  # (media time, duration) per segment
    if timeline is not None:
        times = _timeline(timeline, offset, scale, context)
    else:
        each = _number(attributes.get("duration"), 0, "SegmentTemplate@duration")
        if each <= 0:
            raise NotManifest(f"Representation {found.ident}: SegmentTemplate with neither SegmentTimeline nor "
                              "@duration")
        if context.now is not None:
            shown = context.now - context.start
            last = math.floor(shown * scale / each) - 1
            early = shown - context.depth if context.depth is not None else 0.0
            head = max(0, math.floor(early * scale / each))
        elif context.length is not None:
            head, last = 0, math.ceil(context.length * scale / each) - 1
        else:
            found.unlisted = "a live window numbered by @duration, and no MPD@publishTime to place it"
            return
        if last - head + 1 > MAX_SEGMENTS:
            raise OverBound(f"Representation {found.ident}: over {MAX_SEGMENTS} segments listed")
        times = [(offset + n * each, each) for n in range(head, last + 1)]
        first += head
    ident = found.ident
    if attributes.get("initialization"):
        found.init = base + _expand(attributes["initialization"], {"RepresentationID": ident, "Bandwidth": bandwidth,
                                                                   "Number": "", "Time": ""})
    for n, (time, length) in enumerate(times):
        number = first + n
        uri = _expand(media, {"Number": number, "Time": time, "RepresentationID": ident, "Bandwidth": bandwidth})
        key = str(time) if "$Time" in media else str(number)
        found.segments.append(Segment(key, base + uri, context.start + (time - offset) / scale, length / scale))


def _timeline(timeline: Element, offset: int, scale: int, context: _Context) -> list[tuple[int, int]]:
    entries = [c for c in timeline if _tag(c) == "S"]
    times: list[tuple[int, int]] = []
    cursor = offset
    for index, entry in enumerate(entries):
        cursor = _number(entry.get("t"), cursor, "S@t")
        length = _number(entry.get("d"), 0, "S@d")
        if length <= 0:
            raise NotManifest("an S element without a positive @d (5.3.9.6)")
        repeat = entry.get("r", "0").strip()
        if re.fullmatch(r"-\d+", repeat):  # up to the next S@t, else the Period's end, else once
            following = entries[index + 1].get("t") if index + 1 < len(entries) else None
            end = (_number(following, 0, "S@t") if following is not None else
                   offset + context.length * scale if context.length is not None else cursor + length)
            count = max(1, math.ceil((end - cursor) / length))
        else:
            count = _number(repeat, 0, "S@r") + 1
        if len(times) + count > MAX_SEGMENTS:
            raise OverBound(f"the SegmentTimeline lists over {MAX_SEGMENTS} segments")
        for _ in range(count):
            times.append((cursor, length))
            cursor += length
    return times


_IDENTIFIER = re.compile(r"\$(Number|Time|RepresentationID|Bandwidth)(%0(\d{1,2})d)?\$|\$\$")


def _expand(template: str, values: dict[str, str | int]) -> str:
    """A template's identifiers replaced (ISO/IEC 23009-1 5.3.9.4.4), with their %0Nd widths."""
    def one(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        value = values[match.group(1)]
        return f"{int(value):0{int(match.group(3))}d}" if match.group(3) and str(value).isdigit() else str(value)
    return _IDENTIFIER.sub(one, template)


def continuity(snapshots: list[Manifest]) -> list[tuple[int, str]]:
    """(snapshot index, what breaks) for each break, per representation, in the recording:
    a segment key naming another URI than before; a window starting after the previous
    window's end (segments skipped) or before its start (time went back); a segment longer
    than MPD@maxSegmentDuration."""
    breaks: list[tuple[int, str]] = []
    named: dict[tuple[str, str], str] = {}
    previous: dict[str, tuple[float, float]] = {}
    for index, manifest in enumerate(snapshots):
        for representation in manifest.representations:
            segments = representation.segments
            for segment in segments:
                if manifest.max_segment_duration is not None and \
                        segment.duration > manifest.max_segment_duration + 1e-3:
                    breaks.append((index, f"segment {segment.uri} lasts {segment.duration:g} s, over "
                                          f"MPD@maxSegmentDuration {manifest.max_segment_duration:g} s"))
                if named.setdefault((representation.ident, segment.key), segment.uri) != segment.uri:
                    breaks.append((index, f"segment {segment.key} of {representation.ident} names {segment.uri!r}, "
                                          f"earlier {named[(representation.ident, segment.key)]!r}"))
            if not segments:
                continue
            window = (segments[0].start, segments[-1].start + segments[-1].duration)
            before = previous.get(representation.ident)
            if before is not None and window[0] < before[0] - 1e-3:
                breaks.append((index, f"the window of {representation.ident} went back from {before[0]:g} s to "
                                      f"{window[0]:g} s"))
            if before is not None and window[0] > before[1] + 1e-3:
                breaks.append((index, f"{representation.ident}: {before[1]:g} s to {window[0]:g} s were never in "
                                      "an MPD"))
            previous[representation.ident] = window
    return breaks


def label_texts(manifest: Manifest, representation: Representation, scheme: str) -> list[str]:
    return [e.text for e in manifest.events.get(scheme, [])] + \
        [value for named, value in representation.labels if named == scheme]


def uncovered(manifest: Manifest, representation: Representation, scheme: str) -> list[Segment]:
    """The representation's segments no label covers: a SupplementalProperty of the scheme
    covers them all; an Event of the scheme covers a segment lying within its span (an Event
    without @duration runs on)."""
    if any(named == scheme for named, _ in representation.labels):
        return []
    spans = [(e.start, e.end) for e in manifest.events.get(scheme, [])]
    return [s for s in representation.segments
            if not any(a <= s.start + 1e-6 and (b is None or s.start + s.duration <= b + 1e-6) for a, b in spans)]


def sound_segments(snapshots: list[Manifest]) -> tuple[list[str], str | None]:
    """The URIs of a recording's sound, in presentation order, each once, and its
    initialization segment: the first audio Representation's (else the first one's)."""
    order: dict[str, tuple[float, str]] = {}
    init: str | None = None
    for manifest in snapshots:
        chosen = next((r for r in manifest.representations if r.kind == "audio"), None) or \
            next(iter(manifest.representations), None)
        if chosen is None:
            continue
        init = init or chosen.init
        for segment in chosen.segments:
            order.setdefault(segment.uri, (segment.start, segment.uri))
    return [uri for _, uri in sorted(order.values())], init
