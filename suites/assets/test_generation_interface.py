"""What a platform's generation interface returns, labelled as GB 45438-2025 asks (annex D's
``POST {generation_path}``): generated text with its label at the start, the end or on a line of
its own (AS-AIGC-012), a generated image with the label in its pixels and the implicit label in
its metadata (AS-AIGC-013), a generated video with the label in its opening frame and through
its playback and the implicit label in its metadata (AS-AIGC-014), generated audio holding the service's audio prompt at its start, its end or in
the middle and carrying the implicit label (AS-AIGC-015), a generated virtual scene showing its label at
entry and carrying the implicit label (AS-AIGC-016). The verdicts are read from
the returned bytes; nothing the platform declares about itself decides one."""

from __future__ import annotations

from typing import Any

import pytest

from conformance import Evidence, Inconclusive, NotRun, Parameters, Targets, msg
from conformance.areas.assets import generation, prompt, render
from conformance.areas.assets.requestbodies import generation_request

PROMPT = "一座在黄昏时分的海边城市"


#: the rule a refused kind fails first, its R1: no content returned, no label shown or held (so too content
#: that does not decode)
FIRST_RULE = "R1"


def _generate(api: Any, path: str, kind: str, evidence: Evidence) -> Any:
    """The interface's answer for ``kind``, or None when it answers otherwise than 200 and not with a server
    error (a refusal: the profile asks for every kind, so it is a finding of the kind's first rule). A server
    error (5xx) leaves the case inconclusive: the interface failed, it did not decline the kind."""
    response = api.post(path, json=generation_request(kind, PROMPT))
    if response.status == 200:
        return response
    if response.status < 500:
        evidence.finding(msg("assets.gen-refused", status=response.status, kind=kind), file=response.requested,
                         expected=200, actual=response.status, rule=FIRST_RULE)
        return None
    raise Inconclusive(msg("assets.gen-server-error", status=response.status, kind=kind))


def _served(api: Any, path: str, name: str, not_served: str, unreadable: str, evidence: Evidence) -> Any:
    """What the service serves at ``{generation_path}/<name>`` (annex D's getGenerationLabel, getGenerationPrompt,
    which the profile's interface offers): None, with a finding of the first rule, when it answers otherwise than
    200 and not with a server error, as AS-AIGC-011 fails a label not given (forty-third reading, bx1); a server
    error leaves the case inconclusive (``unreadable``: its message), the service failed rather than declined.
    ``not_served`` is the finding's message (keys written out, so the message test finds each used)."""
    response = api.get(f"{path.rstrip('/')}/{name}")
    if response.status == 200:
        return response
    if response.status < 500:
        evidence.finding(msg(not_served, path=response.requested, status=response.status),
                         file=response.requested, expected=200, actual=response.status, rule=FIRST_RULE)
        return None
    raise Inconclusive(msg(unreadable, path=response.requested, status=response.status,
                           reason=f"answered {response.status}"))


def _label_raster(api: Any, path: str, evidence: Evidence) -> Any:
    """The label raster, or None when the service does not serve it (a finding of R1)."""
    response = _served(api, path, "label", "assets.gen-label-not-served", "assets.gen-no-label-raster", evidence)
    if response is None:
        return None
    try:
        return render.grey_png(response.content)
    except render.Undecodable as exc:
        raise Inconclusive(msg("assets.gen-no-label-raster", path=response.requested, status=response.status,
                               reason=str(exc))) from None


@pytest.mark.requirement("AS-AIGC-012")
def test_generated_text_carries_its_label(targets: Targets, evidence: Evidence, params: Parameters):
    response = _generate(targets["api"], params.generation_path, "text", evidence)
    if response is None:
        return
    text = response.content.decode("utf-8", "replace")
    evidence.findings_from(generation.text_findings(text, response.requested))
    evidence.note(msg("assets.gen-checked", kind="text", count=1))


@pytest.mark.requirement("AS-AIGC-013")
def test_generated_image_shows_and_carries_its_label(targets: Targets, evidence: Evidence, params: Parameters):
    api = targets["api"]
    response = _generate(api, params.generation_path, "image", evidence)
    if response is None:
        return
    template = _label_raster(api, params.generation_path, evidence)
    where = response.requested
    try:
        pixels = render.grey_image(response.content)
    except render.OverBound as exc:  # 5.1's reading bound: R1 not judged, never failed (sixty-ninth reading)
        evidence.unjudged(where, msg("assets.render-past-bound", name=where, reason=str(exc),
                                     pixels=f"{render.MAX_PIXELS:,}".replace(",", " ")))
    except render.Undecodable as exc:
        evidence.finding(msg("assets.gen-unreadable", kind="image", reason=str(exc)), file=where, rule=FIRST_RULE)
    else:
        if template is not None:  # else R1 already failed: no label to look for
            limits = generation.Limits(params.render_label_min_ncc, params.render_label_min_height_ratio,
                                       params.render_label_min_contrast)
            evidence.findings_from(generation.picture_findings(pixels, template, limits, where,
                                                               "AS-AIGC-013", "R1", at_edge=True))
    _implicit(evidence, response.content, "image", where, "AS-AIGC-013", "R2")
    evidence.note(msg("assets.gen-checked", kind="image", count=2))


def _implicit(evidence: Evidence, content: bytes, kind: str, where: str, requirement: str, rule: str) -> None:
    """The implicit label's findings; a file whose text chunk is past 5.1's bound 「PNG 文本块的解压大小」 leaves the
    rule unjudged (sixty-ninth reading, h133-media: the cut text was judged)."""
    try:
        evidence.findings_from(generation.implicit_findings(content, kind, where, requirement, rule))
    except generation.media.OverBound as exc:
        evidence.unjudged(where, str(exc))


def _no_decoder(exc: Exception) -> NotRun:
    """Test equipment without an audio and video decoder has not run the case: an error of the run (6.1's 未执行),
    never a verdict on the platform (sixty-fourth reading, bx3), as the cloud-rendering checks do."""
    return NotRun(msg("assets.gen-no-decoder", reason=str(exc)))


@pytest.mark.requirement("AS-AIGC-014")
def test_generated_video_shows_and_carries_its_label(targets: Targets, evidence: Evidence, params: Parameters):
    api = targets["api"]
    response = _generate(api, params.generation_path, "video", evidence)
    if response is None:
        return
    template = _label_raster(api, params.generation_path, evidence)
    where = response.requested
    limits = generation.Limits(params.render_label_min_ncc, params.render_label_min_height_ratio,
                               params.render_label_min_contrast)
    try:
        video = generation.video_frames(response.content)
    except generation.NoDecoder as exc:
        raise _no_decoder(exc) from None
    except generation.media.Unreadable as exc:
        evidence.finding(msg("assets.gen-unreadable", kind="video", reason=str(exc)), file=where, rule=FIRST_RULE)
        return
    if video.past_bound:  # 5.1's reading bound: the frames after it are not judged (sixty-fourth reading, bx1)
        evidence.unjudged(where, msg("assets.gen-video-past-bound", seconds=f"{generation.MAX_VIDEO_S:g}"))
    samples = []
    if template is not None:  # else R1 already failed: no label to look for in the frames
        t0, first = video.opening
        evidence.findings_from(generation.picture_findings(generation.grey(first), template, limits,
                                                           generation.frame_name(where, t0),
                                                           "AS-AIGC-014", "R1", at_edge=False))
        samples = video.samples
    for t, pixels in samples:
        evidence.findings_from(generation.picture_findings(generation.grey(pixels), template, limits,
                                                           generation.frame_name(where, t),
                                                           "AS-AIGC-014", "R2", at_edge=False))
    _implicit(evidence, response.content, "video", where, "AS-AIGC-014", "R3")
    evidence.note(msg("assets.gen-checked", kind="video", count=1 + len(samples) + 1))


@pytest.mark.requirement("AS-AIGC-015")
def test_generated_audio_carries_its_prompt(targets: Targets, evidence: Evidence, params: Parameters):
    api = targets["api"]
    response = _generate(api, params.generation_path, "audio", evidence)
    if response is None:
        return
    asked = _served(api, params.generation_path, "prompt", "assets.gen-prompt-not-served", "assets.gen-no-prompt-clip",
                    evidence)
    try:
        clip = prompt.decode(asked.content) if asked is not None else None  # None: R1 failed, no prompt
    except prompt.NoDecoder as exc:
        raise _no_decoder(exc) from None
    except prompt.Undecodable as exc:
        raise Inconclusive(msg("assets.gen-no-prompt-clip", path=asked.requested, status=asked.status,
                               reason=str(exc))) from None
    where = response.requested
    try:
        audio = prompt.decode(response.content)
    except prompt.NoDecoder as exc:
        raise _no_decoder(exc) from None
    except prompt.OverBound as exc:  # 5.1's reading bound: R1 not judged (sixty-fourth reading, bx2)
        evidence.unjudged(where, msg("assets.gen-audio-past-bound", reason=str(exc)))
    except prompt.Undecodable as exc:
        evidence.finding(msg("assets.gen-unreadable", kind="audio", reason=str(exc)), file=where, rule=FIRST_RULE)
    else:
        if clip is not None:  # else R1 already failed: no prompt to look for
            evidence.findings_from(generation.prompt_findings(clip, audio, params.voice_prompt_min_correlation,
                                                              where))
    _implicit(evidence, response.content, "audio", where, "AS-AIGC-015", "R2")
    evidence.note(msg("assets.gen-checked", kind="audio", count=2))


@pytest.mark.requirement("AS-AIGC-016")
def test_generated_scene_shows_its_label_at_entry(targets: Targets, evidence: Evidence, params: Parameters):
    response = _generate(targets["api"], params.generation_path, "scene", evidence)
    if response is None:
        return
    evidence.findings_from(generation.scene_findings(response.content, response.requested))
    evidence.note(msg("assets.gen-checked", kind="scene", count=2))
