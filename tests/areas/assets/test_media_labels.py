"""Labels inside media files and rendered scenes (AS-AIGC-005..007): each carrier of the
implicit label read, open-ended bytes judged without a crash (hypothesis), hostile files
(a sparse terabyte, a FIFO) never read whole, the scene label node's rules and the media
label's place in time, and whole runs over the reference and the labelled fixture."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.assets import explicit, generated, media
from conformance.reference import SAMPLES
from tests.conftest import verdicts
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "assets" / "fixtures"
sys.path.insert(0, str(FIXTURES))
import generate_media as make  # noqa: E402

LABEL = {"Label": "1", "ContentProducer": "p.example", "ProduceID": "c-1"}
TEXT = json.dumps(LABEL)
NEW = ["AS-AIGC-005", "AS-AIGC-006", "AS-AIGC-007"]


def _rules(findings) -> list[str]:
    return sorted(f.rule for f in findings)


def _pixel(x: int, y: int) -> tuple[int, int, int]:
    return (x, y, 0)


@pytest.mark.parametrize(("data", "kind", "places"), [
    (make.png(2, 2, _pixel, {"AIGC": json.dumps({"AIGC": LABEL})}), "image", ["PNG tEXt AIGC"]),
    (make.png(2, 2, _pixel, xmp_packet=make.xmp(LABEL)), "image", ["PNG iTXt XML:com.adobe.xmp TC260:AIGC"]),
    (make.jpeg(make.xmp(LABEL)), "image", ["JPEG APP1 XMP TC260:AIGC"]),
    (make.wav(id3_label=TEXT), "audio", ["ID3v2 TXXX AIGC"]),
    (make.wav(info_comment=json.dumps({"AIGC": LABEL})), "audio", ["RIFF LIST/INFO ICMT"]),
    (make.mp4(ilst_label=TEXT), "video", ["MP4 ilst ----:com.apple.iTunes:AIGC"]),
    (make.mp4(xmp_packet=make.xmp(LABEL)), "video", ["ISO-BMFF uuid XMP box TC260:AIGC"]),
], ids=["png-text", "png-xmp", "jpeg-xmp", "wav-id3", "wav-info", "mp4-ilst", "mp4-xmp"])
def test_each_carrier_is_read(data, kind, places):
    info = media.read(data, kind)
    assert [c.where for c in info.labels] == places
    assert all(c.value == LABEL for c in info.labels)
    assert generated.media_findings({"AIGC": LABEL}, ((c.where, c.value) for c in info.labels)) == []


def test_stripped_malformed_and_differing_labels():
    metadata = {"ai_generated": True, "AIGC": LABEL}
    bare = media.read(make.png(2, 2, _pixel), "image")
    assert _rules(generated.media_findings(metadata, ((c.where, c.value) for c in bare.labels))) == ["R1"]
    broken = media.read(make.jpeg(make.xmp('{"Label": 1')), "image")
    assert _rules(generated.media_findings(metadata, ((c.where, c.value) for c in broken.labels))) == ["R2"]
    other = media.read(make.wav(id3_label=json.dumps({**LABEL, "ProduceID": "x"})), "audio")
    found = generated.media_findings(metadata, ((c.where, c.value) for c in other.labels))
    assert [(f.rule, f.pointer) for f in found] == [("R3", "ID3v2 TXXX AIGC/ProduceID")]


def test_durations_and_the_iptc_source_type():
    assert media.read(make.wav(2.0), "audio").duration == pytest.approx(2.0)
    assert media.read(make.mp4(1.5), "video").duration == pytest.approx(1.5)
    tagged = make.jpeg(make.xmp(None, "trainedAlgorithmicMedia"))
    assert media.read(tagged, "image").source_type == "trainedAlgorithmicMedia"


def _nested(kind: bytes, depth: int) -> bytes:
    box = b""
    for _ in range(depth):
        box = (8 + len(box)).to_bytes(4, "big") + kind + box
    return box


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + b"\0\0\0\x10IHDR",  # a chunk running past the end
    make.png(2, 2, _pixel)[:-12],  # no IEND
    make.jpeg(b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x:xmpmeta xmlns:x="adobe:ns:meta/">&a;</x:xmpmeta>'),
    b"not a media file at all",
    b"RIFF\xff\xff\xff\xffWAVE",
    b"\0\0\0\x01ftyp" + b"\0" * 8,  # a 64-bit box size that is not there
    make.mp4()[:28] + _nested(b"moov", 1000),  # mutagen recurses into nested containers
])
def test_broken_files_are_unreadable_not_crashes(data):
    with pytest.raises(media.Unreadable):
        media.read(data, "audio" if data[:4] == b"RIFF" else "video" if b"ftyp" in data[:8] else "image")


MAGIC = st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\x10\0\0\0WAVE", b"\0\0\0\x10ftypisom",
                         b"ID3\x04\0\0\0\0\0\x10", b"fLaC", b"OggS"])


@settings(max_examples=300, deadline=None)
@given(MAGIC, st.binary(max_size=300), st.sampled_from(["image", "audio", "video"]))
def test_any_bytes_are_read_or_refused(magic, tail, kind):
    try:
        info = media.read(magic + tail, kind)
    except media.Unreadable:
        return
    assert all(isinstance(c.where, str) for c in info.labels)


NODE = {"name": "label", "mesh": 0, "extras": {"explicit_label": {"text": "AI生成"}}}


def _scene(*nodes, roots=None):
    return {"scene": 0, "scenes": [{"nodes": roots if roots is not None else list(range(len(nodes)))}],
            "nodes": list(nodes)}


@pytest.mark.parametrize(("model", "rules"), [
    (_scene({"mesh": 0}, NODE), []),
    (_scene({"children": [1]}, NODE, roots=[0]), []),  # a label below a root
    (_scene({"children": [1], "mesh": 0}, {**NODE, "mesh": None, "children": [2]}, {"mesh": 0}, roots=[0]), []),
    (_scene({**NODE, "mesh": None, "extras": {"explicit_label": {"text": "AI合成", "billboard": True}}}), []),
    (_scene({"mesh": 0}), ["R1"]),
    (_scene({"mesh": 0}, NODE, roots=[0]), ["R1"]),  # not in the default scene
    ({"nodes": [NODE]}, ["R1"]),  # no scene at all
    (_scene({"children": [1], "extensions": {"KHR_node_visibility": {"visible": False}}}, NODE, roots=[0]),
     ["R2"]),
    # KHR_node_visibility defines only visible: a member it does not define hides nothing (AS-AIGC-006 1.1)
    (_scene({"children": [1], "extensions": {"KHR_node_visibility": {"hidden": True}}}, NODE, roots=[0]), []),
    (_scene({**NODE, "extensions": {"KHR_node_visibility": {"visible": True}}}), []),
    (_scene({**NODE, "scale": [1, 0, 1]}), ["R2"]),
    (_scene({**NODE, "matrix": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]}), ["R2"]),
    (_scene({**NODE, "mesh": None}), ["R3"]),
    (_scene({**NODE, "extras": {"explicit_label": {"text": "生成"}}}), ["R3"]),
    (_scene({**NODE, "children": [0]}), []),  # a cycle is the validator's; the walk ends
])
def test_the_scene_label_node(model, rules):
    assert _rules(explicit.scene_label_findings(model)) == rules


@pytest.mark.parametrize(("item", "duration", "rules"), [
    ({"uri": "a.wav", "explicit_label": {"form": "voice", "start_s": 0.5, "duration_s": 0.5}}, 1.0, []),
    ({"uri": "a.wav", "explicit_label": {"form": "voice", "start_s": 0.8, "duration_s": 0.5}}, 1.0, ["R2"]),
    ({"uri": "a.wav"}, 1.0, ["R1"]),
    ({"uri": "a.wav", "explicit_label": {"form": "smell", "start_s": 0, "duration_s": 1}}, 1.0, ["R1"]),
    ({"uri": "a.wav", "explicit_label": {"form": "voice", "start_s": 0, "duration_s": 0}}, 1.0, ["R1"]),
    ({"uri": "a.wav", "explicit_label": {"form": "voice", "start_s": 0, "duration_s": 1}}, None, ["R2"]),
    ({"uri": "a.mp4", "explicit_label": {"form": "text", "start_s": 0, "duration_s": 1}}, 3.0, []),
    ({"uri": "a.mp4", "explicit_label": {"form": "text", "start_s": 1, "duration_s": 1}}, 3.0, ["R3"]),
    ({"uri": "a.wav", "explicit_label": {"form": "voice", "start_s": 1, "duration_s": 1}}, 3.0, []),  # audio: any point
])
def test_the_media_label_in_time(item, duration, rules):
    assert _rules(explicit.media_label_findings(item, duration, 0, "/content/2")) == rules


def _manifest(*documents: Path, **target) -> dict:
    return {"product": {"name": "p", "version": "1"}, "profiles": ["asset-generated-content"],
            "targets": {"asset_metadata": {"adapter": "file", "paths": [str(d) for d in documents], **target}}}


def test_the_reference_and_the_labelled_package_pass(catalog, run_manifest):
    result = run_manifest(_manifest(SAMPLES / "asset_metadata" / "ref-helmet-0001.json",
                                    FIXTURES / "aigc-005" / "labelled" / "ref-helmet-0001.json"))
    found = verdicts(result)
    assert {found[r] for r in [f"AS-AIGC-00{i}" for i in range(1, 8)]} == {"pass"}, found


def _package(tmp_path: Path, name: str, make_file) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(FIXTURES / "aigc-005" / "labelled", folder)
    target = folder / "content" / name
    target.unlink()
    make_file(target)
    return folder / "ref-helmet-0001.json"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_place_of_a_clip_is_refused_not_waited_on(tmp_path, catalog, run_manifest):
    """Refused unread, never waited on: a state of the test equipment, so the two requirements are
    inconclusive naming it (issue 76, open items, part h92-ruleAS; before, a fail)."""
    document = _package(tmp_path, "clip.wav", os.mkfifo)
    found = verdicts(run_manifest(_manifest(document)))
    assert found["AS-AIGC-005"] == found["AS-AIGC-007"] == "inconclusive"


def test_a_sparse_terabyte_is_refused_by_its_size(tmp_path, catalog, run_manifest):
    def sparse(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(1 << 40)

    try:
        document = _package(tmp_path, "clip.mp4", sparse)
    except OSError:
        pytest.skip("the filesystem holds no sparse terabyte")
    found = verdicts(run_manifest(_manifest(document)))  # over the cap: refused unread, so inconclusive
    assert found["AS-AIGC-005"] == found["AS-AIGC-007"] == "inconclusive"


JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) | st.text(max_size=6),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                    max_leaves=24)
NODES = st.lists(st.fixed_dictionaries({}, optional={
    "mesh": st.integers(-1, 2) | JSON, "children": st.lists(st.integers(-1, 5), max_size=3) | JSON,
    "scale": st.lists(st.sampled_from([0, 1, 2.5]), min_size=3, max_size=3) | JSON,
    "matrix": st.lists(st.integers(-1, 1), min_size=16, max_size=16) | JSON,
    "extensions": st.fixed_dictionaries({"KHR_node_visibility": st.fixed_dictionaries(
        {}, optional={"visible": st.booleans() | JSON, "hidden": st.booleans() | JSON})}) | JSON,
    "extras": st.fixed_dictionaries({"explicit_label": st.fixed_dictionaries(
        {}, optional={"text": st.sampled_from(["AI生成", "生成", "AI"]) | JSON, "billboard": st.booleans() | JSON})
        | JSON}) | JSON,
}), max_size=6)


@settings(max_examples=300, deadline=None)
@given(NODES, st.lists(st.integers(-1, 6), max_size=4) | JSON, st.integers(-1, 2) | JSON, JSON)
def test_any_scene_and_media_declaration_is_judged_without_a_crash(nodes, roots, scene, label):
    model = {"scene": scene, "scenes": [{"nodes": roots}], "nodes": nodes}
    assert all(f.requirement == "AS-AIGC-006" for f in explicit.scene_label_findings(model))
    for uri in ("a.wav", "a.mp4"):
        found = explicit.media_label_findings({"uri": uri, "explicit_label": label}, 1.0, 0, "/content/0")
        assert all(f.requirement == "AS-AIGC-007" for f in found)
