"""What a generation interface returns, judged as GB 45438-2025 asks of generated content
(AS-AIGC-012..016): the explicit label in generated text and where it stands, the label in a
generated image's pixels and a video's frames, the audio prompt in generated sound, the label node
of a generated scene, and the implicit label in the file's metadata.

The interface is annex D's: ``POST {generation_path}`` with ``{"kind": ..., "prompt": ...}``
answers the content itself; ``GET {generation_path}/label`` answers the raster of the label the
service draws (what is looked for in the pixels: no text recognition) and ``GET
{generation_path}/prompt`` the audio prompt it plays (looked for in the sound: no speech
recognition)."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from numpy.typing import NDArray

from conformance import Finding, NonConformance, msg

from .._shared.ai_labels import AI_ELEMENT, GENERATION_ELEMENT, form_findings, read_label
from . import media

if TYPE_CHECKING:
    from .prompt import Signal
    from .render import Grey

#: a picture of any pixel type (frames are held 8-bit, judged in [0, 1])
Pixels = TypeVar("Pixels", bound=NDArray[np.generic])

#: how close an AI element and a generation element stand to count as one label (characters):
#: "人工智能生成", "AI生成", "由AI合成" and "AI-generated (人工智能生成)" fit; two words a paragraph
#: apart do not. The catalog's own number.
LABEL_SPAN = 24
#: how far from the text's start or end a label still stands "at the start" or "at the end"
#: (characters: an opening bracket, a list mark), the catalog's own number
EDGE_SLACK = 8
#: the longest line that still counts as a label standing on its own line (a paragraph boundary,
#: the "appropriate place in the middle" GB 45438-2025 allows), the catalog's own number
OWN_LINE = 48
#: frames of a video judged during playback: one every this many seconds from the first second
PLAYBACK_STEP_S = 0.5
#: the longest generated video decoded (seconds), 5.1's reading bound 「生成视频的解码时长」: the frames after it
#: are not judged and the case is inconclusive unless something fails (sixty-fourth reading, bx1)
MAX_VIDEO_S = 60.0


@dataclass(frozen=True)
class TextLabel:
    """A label found in text: where it starts and ends (character offsets) and its words."""

    start: int
    end: int
    words: str


def text_labels(text: str) -> list[TextLabel]:
    """Every place an AI element and a generation element stand within LABEL_SPAN of each other."""
    found: list[TextLabel] = []
    for ai in AI_ELEMENT.finditer(text):
        window = text[max(0, ai.start() - LABEL_SPAN):ai.end() + LABEL_SPAN]
        offset = max(0, ai.start() - LABEL_SPAN)
        for gen in GENERATION_ELEMENT.finditer(window):
            start, end = min(ai.start(), offset + gen.start()), max(ai.end(), offset + gen.end())
            found.append(TextLabel(start, end, text[start:end]))
    return found


def placement(text: str, label: TextLabel) -> str | None:
    """Where a label stands: "start", "end", "own-line" (a paragraph boundary), None (inside a sentence)."""
    if len(text[:label.start].strip()) <= EDGE_SLACK:
        return "start"
    if len(text[label.end:].strip()) <= EDGE_SLACK:
        return "end"
    line_start = text.rfind("\n", 0, label.start) + 1
    line_end = text.find("\n", label.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    return "own-line" if len(line) <= OWN_LINE else None


def text_findings(text: str, where: str) -> list[Finding]:
    """AS-AIGC-012: the text holds a label (R1) at its start, its end or on a line of its own (R2)."""
    labels = text_labels(text)
    if not labels:
        return [Finding(msg("assets.gen-text-unlabelled", chars=len(text)), pointer="", file=where,
                        expected=msg("assets.expect-gen-text-label"), actual=text[:80], rule="R1")]
    if any(placement(text, label) for label in labels):
        return []
    first = labels[0]
    return [Finding(msg("assets.gen-text-label-inside", words=first.words, at=first.start, chars=len(text)),
                    pointer="", file=where, expected=msg("assets.expect-gen-text-place"),
                    actual=text[max(0, first.start - 20):first.end + 20], rule="R2")]


def implicit_findings(data: bytes, kind: str, where: str, requirement: str, rule: str) -> list[Finding]:
    """The implicit label in a returned file's own metadata: present, well formed (GB 45438-2025 annex E), and
    saying "1" (generated): the interface returns content it generated. Every finding carries ``rule``, the
    requirement's rule for the implicit label (the form's own items are the caller's one rule). media.OverBound
    when a text chunk inflates past 5.1's bound: the labels are not judged."""
    try:
        info = media.read(data, kind)
    except media.Unreadable as exc:
        return [Finding(msg("assets.gen-unreadable", kind=kind, reason=str(exc)), file=where, rule=rule,
                        requirement=requirement)]
    if info.past_bound is not None:  # 5.1's bound 「PNG 文本块的解压大小」: not judged, the caller's note (h133-media)
        raise media.OverBound(info.past_bound)
    carried = info.labels
    if not carried:
        return [Finding(msg("assets.gen-implicit-missing", kind=kind), file=where, rule=rule,
                        expected=msg("assets.expect-media-label"), actual=None, requirement=requirement)]
    findings: list[Finding] = []
    for label in carried:
        issues, _ = form_findings(None, label.where, label.value, requirement=requirement)
        findings += [dataclasses.replace(f, rule=rule) for f in issues]
        members = read_label(label.value).members or {}
        if not issues and members.get("Label") != "1":
            findings.append(Finding(msg("assets.gen-implicit-not-generated", place=label.where,
                                        value=members.get("Label")), file=where, pointer=f"{label.where}/Label",
                                    expected="1", actual=members.get("Label"), rule=rule,
                                    requirement=requirement))
    return findings


class NoDecoder(Exception):
    """The test equipment has no video decoder (PyAV, the media extra): the case is not run (6.1's 未执行), never a
    verdict on the platform (sixty-fourth reading, bx3). Not a media.Unreadable, so no caller takes it for a video
    that does not decode."""


@dataclass(frozen=True)
class Video:
    """The frames a video's check judges, (time in seconds, 8-bit grey picture: :func:`grey` gives [0, 1]): its
    ``opening`` frame and its playback ``samples`` (:func:`playback_samples`); ``past_bound``: the video runs past
    MAX_VIDEO_S, 5.1's reading bound, and its frames after it are not judged."""

    opening: tuple[float, NDArray[np.uint8]]
    samples: list[tuple[float, NDArray[np.uint8]]]
    past_bound: bool

    @property
    def frames(self) -> list[tuple[float, NDArray[np.uint8]]]:
        """Every frame held: the opening frame, then the samples (the opening one once where it is a sample too)."""
        return [self.opening] + [frame for frame in self.samples if frame is not self.opening]


def grey(pixels: NDArray[np.uint8]) -> Grey:
    """An 8-bit grey picture in [0, 1], as the label search reads it."""
    return pixels.astype(np.float64) / 255.0


def video_frames(data: bytes) -> Video:
    """The opening frame and the playback samples of an MP4's first video track within MAX_VIDEO_S, picked as the
    frames decode (the others are dropped, so a long video holds a few frames in memory, not all). Raises
    media.Unreadable when it does not decode, NoDecoder when PyAV is missing."""
    try:
        import av  # noqa: PLC0415 (the media extra)
    except ImportError:
        raise NoDecoder(msg("assets.gen-no-pyav")) from None
    opening: list[tuple[float, NDArray[np.uint8]]] = []
    past = False

    def decoded() -> Iterator[tuple[float, NDArray[np.uint8]]]:  # the container opened below
        nonlocal past
        for frame in container.decode(video=0):
            t = float(frame.time or 0.0)
            if t > MAX_VIDEO_S:
                past = True
                return
            current = (t, np.asarray(frame.to_ndarray(format="gray"), dtype=np.uint8))
            if not opening:
                opening.append(current)
            yield current

    try:
        with av.open(io.BytesIO(data), "r") as container:
            if not container.streams.video:
                raise media.Unreadable("no video track")
            samples = playback_samples(decoded())
    except (av.error.FFmpegError, ValueError) as exc:
        raise media.Unreadable(str(exc)) from None
    if not opening:
        raise media.Unreadable("no frame decodes")
    return Video(opening[0], samples, past)


def playback_samples(frames: Iterable[tuple[float, Pixels]]) -> list[tuple[float, Pixels]]:
    """The frames judged during playback, in one pass over frames in time order: the nearest one at each
    PLAYBACK_STEP_S from 1 s on (of the frames either side of that time, a tie taking the earlier), and the last."""
    picked: list[tuple[float, Pixels]] = []
    previous: tuple[float, Pixels] | None = None
    wanted = 1.0
    for current in frames:
        while wanted <= current[0]:
            nearest = (previous if previous is not None and abs(previous[0] - wanted) <= abs(current[0] - wanted)
                       else current)
            if not picked or picked[-1] is not nearest:
                picked.append(nearest)
            wanted += PLAYBACK_STEP_S
        previous = current
    if previous is not None and (not picked or picked[-1] is not previous):
        picked.append(previous)  # the last frame
    return picked


def frame_name(where: str, t: float) -> str:
    return f"{where} frame at {t:.2f} s"


@dataclass(frozen=True)
class Limits:
    """What counts as the label shown: the least NCC, drawn height (share of the shortest side) and contrast."""

    min_ncc: float
    min_height_ratio: float
    min_contrast: float


#: how far from the picture's nearest edge a label still stands "at an edge or corner" (GB
#: 45438-2025 names the place, not a distance): 10 % of the shortest side, as AS-AIGC-011
EDGE_BAND = 0.1


def picture_findings(pixels: Grey, template: Grey, limits: Limits, where: str, requirement: str,
                     rule: str, at_edge: bool) -> list[Finding]:
    """The label raster ``template`` shown in ``pixels``: found, (``at_edge``: at an edge or
    corner), drawn high enough and with contrast; every finding carries ``rule``."""
    from . import render  # noqa: PLC0415 (NumPy FFT search, only where pixels are judged)

    found = render.locate(pixels, template, smallest_ratio=limits.min_height_ratio / 2)
    if found is None or found.score < limits.min_ncc:
        score = round(found.score, 3) if found else None
        return [Finding(msg("assets.render-label-absent", frame=where, score=score), file=where,
                        expected=f"NCC >= {limits.min_ncc}", actual=score, rule=rule, requirement=requirement)]
    findings: list[Finding] = []
    gap = render.edge_gap(found.box, pixels.shape)
    if at_edge and gap > EDGE_BAND:
        findings.append(Finding(msg("assets.image-label-inside", image=where, gap=round(gap, 3), band=EDGE_BAND),
                                file=where, expected=f"<= {EDGE_BAND}", actual=round(gap, 3), rule=rule,
                                requirement=requirement))
    if found.height_ratio < limits.min_height_ratio:
        findings.append(Finding(msg("assets.render-label-small", frame=where, height=found.box[3],
                                    ratio=round(found.height_ratio, 4)), file=where,
                                expected=f">= {limits.min_height_ratio}", actual=round(found.height_ratio, 4),
                                rule=rule, requirement=requirement))
    if found.contrast < limits.min_contrast:
        findings.append(Finding(msg("assets.render-label-faint", frame=where, contrast=round(found.contrast, 3)),
                                file=where, expected=f">= {limits.min_contrast}", actual=round(found.contrast, 3),
                                rule=rule, requirement=requirement))
    return findings


def prompt_findings(clip: Signal, audio: Signal, min_correlation: float, where: str) -> list[Finding]:
    """AS-AIGC-015 R1: the service's audio prompt (``clip``) is in the audio at its start, its end
    or a place in the middle, as GB 45438-2025 allows all three: its spectrogram correlates at
    least ``min_correlation`` with the audio's starting at some point (both at prompt.RATE)."""
    from . import prompt  # noqa: PLC0415 (NumPy spectrograms, only where sound is judged)

    duration, length = len(audio) / prompt.RATE, len(clip) / prompt.RATE
    found = prompt.find(clip, audio, 0.0, max(0.0, duration - length))
    best = round(found.score, 3) if found is not None else None
    if best is not None and best >= min_correlation:
        return []
    return [Finding(msg("assets.gen-audio-unprompted", score=best, seconds=round(duration, 2)), file=where,
                    expected=f"correlation >= {min_correlation} at the start, the end or in the middle", actual=best,
                    rule="R1", requirement="AS-AIGC-015")]


def scene_findings(data: bytes, where: str) -> list[Finding]:
    """AS-AIGC-016: a returned glTF scene shows a label node at entry (R1, AS-AIGC-006's check of
    the default scene) and carries the implicit label in asset.extras.AIGC, Label "1" (R2)."""
    from .explicit import scene_label_findings  # noqa: PLC0415
    from .generated import gltf_json  # noqa: PLC0415

    try:
        model = gltf_json(data, where)
    except (ValueError, NonConformance) as exc:
        return [Finding(msg("assets.gen-unreadable", kind="scene", reason=str(exc)), file=where, rule="R1",
                        requirement="AS-AIGC-016")]
    findings = [dataclasses.replace(f, file=where, rule="R1", requirement="AS-AIGC-016")
                for f in scene_label_findings(model)]
    asset = model.get("asset") if isinstance(model, dict) else None
    extras = asset.get("extras") if isinstance(asset, dict) else None
    if not isinstance(extras, dict) or "AIGC" not in extras:
        return [*findings, Finding(msg("assets.gen-implicit-missing", kind="scene"), file=where,
                                   pointer="/asset/extras/AIGC", expected=msg("assets.expect-model-label"),
                                   actual=None, rule="R2", requirement="AS-AIGC-016")]
    issues, _ = form_findings(None, "/asset/extras/AIGC", extras["AIGC"], requirement="AS-AIGC-016")
    issues = [dataclasses.replace(f, rule="R2") for f in issues]
    label = (read_label(extras["AIGC"]).members or {}).get("Label")
    if not issues and label != "1":
        issues.append(Finding(msg("assets.gen-implicit-not-generated", place="/asset/extras/AIGC", value=label),
                              file=where, pointer="/asset/extras/AIGC/Label", expected="1", actual=label,
                              rule="R2", requirement="AS-AIGC-016"))
    return [*findings, *issues]
