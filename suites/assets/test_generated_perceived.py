"""Labels of AI-generated content as they are perceived (GB 45438-2025, CAC labelling measures
art. 4): the explicit label found in the frames a renderer drew (AS-AIGC-008), the declared
voice prompt present in generated audio (AS-AIGC-009), and a recorded live stream labelled
throughout, with the implicit label in each segment (AS-AIGC-010)."""

from pathlib import Path

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.area import readable
from conformance.areas._shared import ai_labels
from conformance.areas.assets import dash, generated, live, media, prompt, render
from conformance.areas.assets.content import resolve


def _generated(files):
    return [doc for doc in files.documents() if ai_labels.is_generated(doc.data)]


def _read(files, evidence, base: Path, uri, within: Path, where: str, rule: str):
    """(display name, bytes) of a file a generated asset's metadata names, resolved against
    ``base`` and kept inside ``within``; None with a finding (under ``rule``) when it is not there to be read,
    None once a file the test equipment refuses is left unjudged, named (its content was never obtained)."""
    target = resolve(base, uri) if isinstance(uri, str) else None
    if target is None or target.path is None or not target.path.resolve().is_relative_to(within.resolve()):
        why = target.refused if target is not None and target.refused else msg("assets.perceived-not-local")
        evidence.finding(msg("assets.perceived-unreadable", name=str(uri), reason=why), pointer=where,
                         rule=rule)
        return None
    name = files.display_name(target.path)
    if not target.path.exists():
        evidence.finding(msg("assets.perceived-unreadable", name=name, reason=msg("assets.perceived-missing")),
                         file=name, pointer=where, rule=rule)
        return None
    body = readable(files, target.path)
    return None if body is None else (name, body, target.path)


@pytest.mark.requirement("AS-AIGC-008")
def test_rendered_frames_show_the_explicit_label(targets: Targets, evidence: Evidence, params: Parameters):
    files = targets["asset_metadata"]
    limits = (params.render_label_min_ncc, params.render_label_min_height_ratio, params.render_label_min_contrast)
    checked = 0
    for doc in _generated(files):
        label = doc.data.get("explicit_label")
        renders = label.get("renders") if isinstance(label, dict) else None
        if renders is None:
            continue
        checked += 1
        base = doc.path.parent
        frames = renders.get("frames") if isinstance(renders, dict) else None
        if not isinstance(frames, list) or not frames or not all(isinstance(f, dict) for f in frames):
            evidence.finding(msg("assets.render-no-frames"), file=doc.name, pointer="/explicit_label/renders/frames",
                             rule="R1")
            continue
        times = [f.get("time_s") for f in frames]
        if not any(isinstance(t, (int, float)) and not isinstance(t, bool) and t == 0 for t in times):
            evidence.finding(msg("assets.render-no-first-frame", times=times), file=doc.name,
                             pointer="/explicit_label/renders/frames", expected="time_s 0", actual=times,
                             rule="R1")
        raster = _read(files, evidence, base, renders.get("label_image"), base, "/explicit_label/renders/label_image",
                       "R2")
        template = raster and _picture(evidence, raster, render.grey_png, "R2")
        if template is None:
            continue
        placement = label.get("placement")
        persistent = isinstance(placement, list) and "content_persistent" in placement
        for index, frame in enumerate(frames):
            where = f"/explicit_label/renders/frames/{index}"
            if frame.get("time_s") != 0 and not persistent:
                # the measures require the start screen; later in the scene the label is optional
                # (art. 4 (5)) unless the platform declares it shown throughout
                evidence.note(msg("assets.render-not-judged", frame=str(frame.get("uri"))), pointer=where)
                continue
            read = _read(files, evidence, base, frame.get("uri"), base, f"{where}/uri", "R2")
            picture = read and _picture(evidence, read, render.grey_png, "R2", metadata=doc.name, pointer=where)
            if picture is not None:
                _judge_label(evidence, limits, {"file": picture[0], "metadata": doc.name, "pointer": where,
                                                "time_s": frame.get("time_s"), "viewpoint": frame.get("viewpoint")},
                             picture[1], template[1], None, AIGC_008_RULES)
    if not checked and not evidence.findings_count:
        raise NotApplicable(msg("assets.render-none"))
    evidence.note(msg("assets.render-checked", count=checked, threshold=params.render_label_min_ncc))


def _picture(evidence, read, decode, rule, **at):
    """(display name, grey pixels) of a file ``_read`` read; None with a finding when it does not decode, None and the
    file unjudged when it has more pixels than 5.1's reading bound 「解码的图像像素数」."""
    name, data = read[0], read[1]
    try:
        return name, decode(data)
    except render.OverBound as exc:  # 5.1's reading bound: not judged, never a finding (sixty-ninth reading)
        evidence.unjudged(name, msg("assets.render-past-bound", name=name, reason=str(exc),
                                    pixels=f"{render.MAX_PIXELS:,}".replace(",", " ")))
        return None
    except render.Undecodable as exc:
        evidence.finding(msg("assets.render-undecodable", name=name, reason=str(exc)), file=name, rule=rule, **at)
        return None


#: AS-AIGC-008's rules for _judge_label's four findings: R2 (found), none at an edge (not judged: no edge
#: band), R3 (size), R4 (contrast)
AIGC_008_RULES = ("R2", None, "R3", "R4")


def _judge_label(evidence, limits, at, pixels, template, edge_band, rules):
    """The label ``template`` looked for in ``pixels`` (the picture ``at["file"]``): found, within ``edge_band``
    of an edge when one is given, high enough and with contrast enough, each finding recorded under its entry
    of ``rules`` (the rule of the case's text it breaks, as the report's Rule column prints it)."""
    min_ncc, min_height_ratio, min_contrast = limits
    found_rule, edge_rule, size_rule, contrast_rule = rules
    name = at["file"]
    found = render.locate(pixels, template, smallest_ratio=min_height_ratio / 2)
    if found is None or found.score < min_ncc:
        evidence.finding(msg("assets.render-label-absent", frame=name,
                             score=round(found.score, 3) if found else None),
                         expected=f"NCC >= {min_ncc}", actual=round(found.score, 3) if found else None,
                         rule=found_rule, **at)
        return
    evidence.note(msg("assets.render-label-found", frame=name, score=round(found.score, 3), box=list(found.box)))
    gap = render.edge_gap(found.box, pixels.shape) if edge_band is not None else 0.0
    if edge_band is not None and gap > edge_band:
        evidence.finding(msg("assets.image-label-inside", image=name, gap=round(gap, 3), band=edge_band),
                         expected=f"<= {edge_band} of the shortest side from an edge", actual=round(gap, 3),
                         rule=edge_rule, box=list(found.box), **at)
    if found.height_ratio < min_height_ratio:
        evidence.finding(msg("assets.render-label-small", frame=name, height=found.box[3],
                             ratio=round(found.height_ratio, 4)),
                         expected=f">= {min_height_ratio} of the shortest side",
                         actual=round(found.height_ratio, 4), rule=size_rule, box=list(found.box), **at)
    if found.contrast < min_contrast:
        evidence.finding(msg("assets.render-label-faint", frame=name, contrast=round(found.contrast, 3)),
                         expected=f">= {min_contrast}", actual=round(found.contrast, 3),
                         rule=contrast_rule, box=list(found.box), **at)


#: how far from the picture's nearest edge a label still stands "at an edge or corner" (GB
#: 45438-2025 5.2 names the place, not a distance): 10 % of the shortest side, the catalog's own
EDGE_BAND = 0.1


#: AS-AIGC-011's R1 (found, in a readable image), R2 (edge), R3 (size), R4 (contrast)
AIGC_011_RULES = ("R1", "R2", "R3", "R4")


@pytest.mark.requirement("AS-AIGC-011")
def test_generated_images_show_the_explicit_label(targets, evidence, params):
    """GB 45438-2025 5.2: a generated picture shows a text label at its edge or corner, at least
    5 % of its shortest side high. The label is looked for in the picture's pixels, with the
    raster the service draws (explicit_label.image); the declaration decides no verdict."""
    files = targets["asset_metadata"]
    limits = (params.render_label_min_ncc, params.render_label_min_height_ratio, params.render_label_min_contrast)
    checked = 0
    for doc in _generated(files):
        content = doc.data.get("content")
        images = [(i, item) for i, item in enumerate(content if isinstance(content, list) else [])
                  if media.media_kind(item) == "image"]
        if not images:
            continue
        base = doc.path.parent
        label = doc.data.get("explicit_label")
        uri = label.get("image") if isinstance(label, dict) else None
        if uri is None:
            checked += len(images)
            evidence.finding(msg("assets.image-label-undeclared", metadata=doc.name, count=len(images)),
                             file=doc.name, pointer="/explicit_label/image", rule="R1")
            continue
        raster = _read(files, evidence, base, uri, base, "/explicit_label/image", "R1")
        template = raster and _picture(evidence, raster, render.grey_png, "R1")
        if template is None:
            continue
        for index, item in images:
            where = f"/content/{index}"
            read = _read(files, evidence, base, item.get("uri"), base, f"{where}/uri", "R1")
            if read is None:
                continue
            checked += 1
            picture = _picture(evidence, read, render.grey_image, "R1", metadata=doc.name, pointer=where)
            if picture is not None:
                _judge_label(evidence, limits, {"file": picture[0], "metadata": doc.name, "pointer": where},
                             picture[1], template[1], EDGE_BAND, AIGC_011_RULES)
    if not checked and not evidence.findings_count:
        raise NotApplicable(msg("assets.image-label-none"))
    evidence.note(msg("assets.image-label-checked", count=checked, threshold=params.render_label_min_ncc,
                      band=EDGE_BAND))


#: AS-AIGC-009's rule of the prompt looked for at each place: R1 at the declared start, R2 at the end
PROMPT_RULES = {"start": "R1", "end": "R2"}


@pytest.mark.requirement("AS-AIGC-009")
def test_generated_audio_holds_the_declared_voice_prompt(targets: Targets, evidence: Evidence, params: Parameters):
    files = targets["asset_metadata"]
    checked = 0
    undecided: list[str] = []
    tolerance = params.voice_prompt_tolerance_s
    for doc in _generated(files):
        content = doc.data.get("content")
        for index, item in enumerate(content if isinstance(content, list) else []):
            label = item.get("explicit_label") if isinstance(item, dict) else None
            if not isinstance(label, dict) or label.get("form") not in ("voice", "rhythm") \
                    or "prompt_uri" not in label:
                continue
            checked += 1
            where = f"/content/{index}/explicit_label"
            base = doc.path.parent
            media = _stream_sound(files, evidence, doc, index, item["live"]) if isinstance(item.get("live"), dict) \
                else _read(files, evidence, base, item.get("uri"), base, f"/content/{index}/uri", "R4")
            clip = _read(files, evidence, base, label.get("prompt_uri"), base, f"{where}/prompt_uri", "R4")
            if media is None or clip is None:
                continue
            audio, reference = _decoded(evidence, media, doc.name, f"/content/{index}/uri", undecided), \
                _decoded(evidence, clip, doc.name, f"{where}/prompt_uri", undecided)
            if audio is None or reference is None:
                continue
            start = label.get("start_s") if isinstance(label.get("start_s"), (int, float)) else 0.0
            spans = [("start", float(start))]
            if label.get("repeated_at_end") is True:
                spans.append(("end", len(audio) / prompt.RATE - len(reference) / prompt.RATE))
            for place, at_s in spans:
                found = prompt.find(reference, audio, at_s - tolerance, at_s + tolerance)
                named = msg({"start": "assets.prompt-place-start", "end": "assets.prompt-place-end"}[place])
                context = {"file": media[0], "metadata": doc.name, "pointer": where, "place": place}
                if found is None or found.score < params.voice_prompt_min_correlation:
                    evidence.finding(msg("assets.prompt-absent", media=media[0], clip=clip[0], place=named,
                                         at=round(at_s, 2), score=round(found.score, 3) if found else None),
                                     expected=f">= {params.voice_prompt_min_correlation}",
                                     actual=round(found.score, 3) if found else None, rule=PROMPT_RULES[place],
                                     **context)
                else:
                    evidence.note(msg("assets.prompt-found", media=media[0], place=named, at=round(found.at_s, 2),
                                      score=round(found.score, 3)))
            _captions(files, evidence, doc, base, label, where, float(start), len(reference) / prompt.RATE)
    if not checked and not evidence.findings_count:
        raise NotApplicable(msg("assets.prompt-none"))
    if undecided and not evidence.findings_count:
        raise Inconclusive(msg("assets.prompt-undecided", count=len(undecided)))
    evidence.note(msg("assets.prompt-checked", count=checked, threshold=params.voice_prompt_min_correlation))


def _stream_sound(files, evidence, doc, index, stream):
    """(name, bytes, path) of a recorded live stream's sound: its segments in order, each once,
    joined (after the initialization segment, for DASH), as a player would feed them to its
    decoder; None with a finding when a snapshot or a segment cannot be read."""
    base = doc.path.parent
    uris = stream.get("snapshots")
    reads = [_read(files, evidence, base, uri, base, f"/content/{index}/live/snapshots/{n}", "R4")
             for n, uri in enumerate(uris if isinstance(uris, list) else [])]
    if not reads or any(read is None for read in reads):
        return None
    try:
        if dash.looks_like_mpd(reads[0][1]):
            order, head = dash.sound_segments([dash.parse(read[1]) for read in reads])
        else:
            order, head = live.sound_segments([live.parse(read[1].decode("utf-8", "replace")) for read in reads])
    except dash.OverBound as exc:  # 5.1's reading bound: the recording not judged, never a finding (sixty-ninth reading)
        evidence.unjudged(reads[0][0], msg("assets.dash-past-bound", name=reads[0][0], reason=str(exc)))
        return None
    except (dash.NotManifest, live.NotPlaylist) as exc:
        # The audio MUST be decodable (R4): a recording with no sound to hear is a finding here too,
        # not a pass (AS-AIGC-010 reports the recording's own defects).
        evidence.finding(msg("assets.prompt-stream-unreadable", name=reads[0][0], reason=str(exc)), file=reads[0][0],
                         metadata=doc.name, pointer=f"/content/{index}/live/snapshots", rule="R4")
        return None
    parts = []
    for uri in ([head] if head else []) + order:
        read = _read(files, evidence, reads[0][2].parent, uri, base, reads[0][0], "R4")
        if read is None:
            return None
        parts.append(read[1])
    return f"{reads[0][0]} ({len(order)} segments)", b"".join(parts), reads[0][2]


def _decoded(evidence, read, metadata, where, undecided):
    """The file's audio at the analysis rate (WAV, compressed, or a video's audio track); None
    with a finding when it is not decodable, or with a note when no decoder is installed."""
    name, data, _ = read
    try:
        return prompt.decode(data)
    except prompt.NoDecoder as exc:
        undecided.append(name)
        evidence.note(msg("assets.prompt-no-decoder", name=name, reason=str(exc)))
    except prompt.Undecodable as exc:
        evidence.finding(msg("assets.prompt-undecodable", name=name, reason=str(exc)), file=name,
                         metadata=metadata, pointer=where, rule="R4")
    return None


def _captions(files, evidence, doc, base, label, where, start, length):
    """The prompt's declared words in a caption cue overlapping the prompt, when captions are declared."""
    if "captions_uri" not in label:
        return
    read = _read(files, evidence, base, label.get("captions_uri"), base, f"{where}/captions_uri", "R3")
    if read is None:
        return
    cues = prompt.webvtt_cues(read[1].decode("utf-8", "replace"))
    if cues is None:
        evidence.finding(msg("assets.prompt-captions-not-webvtt", name=read[0]), file=read[0], rule="R3",
                         metadata=doc.name, pointer=f"{where}/captions_uri")
        return
    words = prompt.spoken_text(label.get("text", "")) if isinstance(label.get("text"), str) else ""
    if not words:
        evidence.finding(msg("assets.prompt-no-text"), file=doc.name, pointer=f"{where}/text", rule="R3")
        return
    if not any(prompt.spoken_text(text).find(words) >= 0 and a < start + length and b > start for a, b, text in cues):
        evidence.finding(msg("assets.prompt-not-captioned", name=read[0], text=label["text"], start=start,
                             end=round(start + length, 2)),
                         file=read[0], metadata=doc.name, pointer=f"{where}/text", expected=label["text"],
                         actual=[text for _, _, text in cues][:5], rule="R3")


@pytest.mark.requirement("AS-AIGC-010")
def test_recorded_live_streams_are_labelled_throughout(targets: Targets, evidence: Evidence):
    files = targets["asset_metadata"]
    checked = 0
    for doc in _generated(files):
        content = doc.data.get("content")
        for index, item in enumerate(content if isinstance(content, list) else []):
            stream = item.get("live") if isinstance(item, dict) else None
            if not isinstance(stream, dict):
                continue
            checked += 1
            _judge_stream(files, evidence, doc, index, item, stream)
    if not checked and not evidence.findings_count:
        raise NotApplicable(msg("assets.live-none"))
    evidence.note(msg("assets.live-checked", count=checked))


def _judge_stream(files, evidence, doc, index, item, stream):
    base = doc.path.parent
    where = f"/content/{index}/live"
    uris = stream.get("snapshots", [item.get("uri")])
    label_class = stream.get("label_class")
    if not isinstance(uris, list) or not uris:
        evidence.finding(msg("assets.live-no-snapshots"), file=doc.name, pointer=f"{where}/snapshots", rule="R1")
        return
    reads = [(number, _read(files, evidence, base, uri, base, f"{where}/snapshots/{number}", "R1"))
             for number, uri in enumerate(uris)]
    if any(read is not None and dash.looks_like_mpd(read[1]) for _, read in reads):
        _judge_dash(files, evidence, doc, base, where, reads, label_class)
        return
    snapshots: list[tuple[str, Path, live.Playlist]] = []
    for number, read in reads:
        if read is None:
            continue
        try:
            snapshots.append((read[0], read[2], live.parse(read[1].decode("utf-8", "replace"))))
        except live.NotPlaylist as exc:
            evidence.finding(msg("assets.live-not-playlist", name=read[0], reason=str(exc)), file=read[0],
                             metadata=doc.name, pointer=f"{where}/snapshots/{number}", rule="R1")
    for at, why in live.continuity([p for _, _, p in snapshots]):
        evidence.finding(msg("assets.live-discontinuous", name=snapshots[at][0], reason=why), file=snapshots[at][0],
                         metadata=doc.name, rule="R1")
    for name, _, playlist in snapshots:
        ranges = live.label_ranges(playlist, label_class) if isinstance(label_class, str) else []
        if not ranges:
            evidence.finding(msg("assets.live-no-label-range", name=name, label_class=str(label_class)), file=name,
                             metadata=doc.name, expected=f'EXT-X-DATERANGE CLASS="{label_class}"', actual=None,
                             rule="R2")
            continue
        if not playlist.has_pdt:
            evidence.finding(msg("assets.live-no-pdt", name=name), file=name, rule="R2")
        texts = [r.get("X-LABEL-TEXT", "") for r in ranges]
        if not any(ai_labels.AI_ELEMENT.search(t) and ai_labels.GENERATION_ELEMENT.search(t) for t in texts):
            evidence.finding(msg("assets.live-label-text", name=name, texts=texts), file=name, rule="R2",
                             expected=msg("assets.expect-label-text"), actual=texts)
        gaps = live.uncovered(playlist, ranges)
        if gaps:
            evidence.finding(msg("assets.live-label-gap", name=name, segments=[s.sequence for s in gaps][:10]),
                             file=name, rule="R2", actual=[s.uri for s in gaps][:10])
    _segment_labels(files, evidence, doc, base, snapshots,
                    lambda playlist: ((s.sequence, s.uri, s.sequence) for s in playlist.segments))


def _segment_labels(files, evidence, doc, base, snapshots, segments):
    """Each segment of the recording once, by the identity ``segments`` gives it (HLS: its sequence number, DASH: its
    URI), its implicit label judged (R3)."""
    seen: set[object] = set()
    for name, path, listing in snapshots:
        for ident, uri, key in segments(listing):
            if ident in seen:
                continue
            seen.add(ident)
            read = _read(files, evidence, path.parent, uri, base, name, "R3")
            if read is not None:
                _judge_segment(evidence, doc, read[0], key, live.segment_labels(read[1]))


def _judge_dash(files, evidence, doc, base, where, reads, label_class):
    """AS-AIGC-010 for a recording of MPEG-DASH MPD updates: the rules HLS's recording keeps,
    where DASH carries the same things (dash.py)."""
    snapshots: list[tuple[str, Path, dash.Manifest]] = []
    past = False  # a snapshot past 5.1's bound leaves a gap: the updates' continuity across it is not judged
    for number, read in reads:
        if read is None:
            continue
        try:
            snapshots.append((read[0], read[2], dash.parse(read[1])))
        except dash.OverBound as exc:  # 5.1's reading bound: not judged, never a finding (sixty-ninth reading)
            evidence.unjudged(read[0], msg("assets.dash-past-bound", name=read[0], reason=str(exc)))
            past = True
        except dash.NotManifest as exc:
            evidence.finding(msg("assets.dash-not-mpd", name=read[0], reason=str(exc)), file=read[0],
                             metadata=doc.name, pointer=f"{where}/snapshots/{number}", rule="R1")
    for at, why in [] if past else dash.continuity([m for _, _, m in snapshots]):
        evidence.finding(msg("assets.live-discontinuous", name=snapshots[at][0], reason=why), file=snapshots[at][0],
                         metadata=doc.name, rule="R1")
    scheme = label_class if isinstance(label_class, str) else ""
    for name, _, manifest in snapshots:
        for representation in manifest.representations:
            if representation.unlisted:
                evidence.finding(msg("assets.dash-unlisted", name=name, representation=representation.ident,
                                     reason=representation.unlisted), file=name, metadata=doc.name, rule="R1")
            texts = dash.label_texts(manifest, representation, scheme)
            if not texts:
                evidence.finding(msg("assets.dash-no-label", name=name, representation=representation.ident,
                                     label_class=str(label_class)), file=name, metadata=doc.name,
                                 expected=f'EventStream or SupplementalProperty schemeIdUri="{label_class}"',
                                 actual=None, rule="R2")
                continue
            if not any(ai_labels.AI_ELEMENT.search(t) and ai_labels.GENERATION_ELEMENT.search(t) for t in texts):
                evidence.finding(msg("assets.live-label-text", name=name, texts=texts), file=name, rule="R2",
                                 expected=msg("assets.expect-label-text"), actual=texts)
            gaps = dash.uncovered(manifest, representation, scheme)
            if gaps:
                evidence.finding(msg("assets.dash-label-gap", name=name, segments=[s.key for s in gaps][:10]),
                                 file=name, rule="R2", actual=[s.uri for s in gaps][:10])
            if representation.segments and dash.ID3_SCHEME not in representation.inband:
                evidence.finding(msg("assets.dash-no-inband", name=name, representation=representation.ident),
                                 file=name, metadata=doc.name, expected=f'InbandEventStream schemeIdUri="'
                                 f'{dash.ID3_SCHEME}"', actual=sorted(representation.inband), rule="R3")
    _segment_labels(files, evidence, doc, base, snapshots, lambda manifest: (
        (s.uri, s.uri, s.key) for representation in manifest.representations for s in representation.segments))


def _judge_segment(evidence, doc, name, sequence, texts):
    """The implicit label a segment carries (ID3 TXXX AIGC), against the metadata's."""
    if not texts:
        key = "assets.live-segment-unknown-form" if texts is None else "assets.live-segment-unlabelled"
        evidence.finding(msg(key, segment=name, sequence=sequence), file=name, metadata=doc.name, rule="R3",
                         pointer="")
        return
    for text in texts:
        for found in generated.carried_findings(doc.data, media.members(text), "ID3/TXXX:AIGC", "AS-AIGC-010"):
            evidence.finding(msg("assets.live-segment-label", segment=name, message=found.message), file=name,
                             pointer=found.pointer, expected=found.expected, actual=found.actual, rule="R3",
                             metadata=doc.name)
