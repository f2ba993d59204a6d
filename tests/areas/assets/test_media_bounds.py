"""The sixty-ninth reading, part h133-media: a compressed PNG text chunk inflating past 5.1's reading bound
「PNG 文本块的解压大小」 (``media._MAX_TEXT``) leaves the file's labels unjudged (AS-AIGC-005 and AS-AIGC-013
inconclusive when nothing else fails); before, the text was cut at the cap silently and the cut text judged (a
wrong finding or a wrong pass).
ISO-BMFF containers nested past ``media.MAX_BOX_DEPTH`` stay a finding, the cases stating it."""

from __future__ import annotations

import json
import shutil
import struct
import sys
import zlib
from pathlib import Path

import pytest

from conformance.areas.assets import generation, media
from tests.conftest import verdicts
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "assets" / "fixtures"
sys.path.insert(0, str(FIXTURES))
import generate_media as make  # noqa: E402

LABEL = {"Label": "1", "ContentProducer": "p.example", "ProduceID": "c-1"}


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _with_chunk(png: bytes, chunk: bytes) -> bytes:
    return png[:-12] + chunk + png[-12:]  # before IEND


def _ztxt(keyword: str, text: str) -> bytes:
    return _chunk(b"zTXt", keyword.encode("latin-1") + b"\0\0" + zlib.compress(text.encode("latin-1"), 9))


def _itxt_xmp(packet: bytes) -> bytes:
    return _chunk(b"iTXt", b"XML:com.adobe.xmp\0\1\0\0\0" + zlib.compress(packet, 9))


def _pixel(x: int, y: int) -> tuple[int, int, int]:
    return (x, y, 0)


def _padded_xmp(size: int) -> bytes:
    """An XMP packet carrying the label, padded with whitespace (XMP's own padding) to ``size`` bytes."""
    packet = make.xmp(LABEL)
    end = packet.rindex(b"<?xpacket end")
    return packet[:end] + b" " * max(0, size - len(packet)) + packet[end:]


def test_a_chunk_within_the_bound_is_read_whole():
    data = _with_chunk(make.png(2, 2, _pixel), _ztxt("AIGC", json.dumps({"AIGC": LABEL})))
    info = media.read(data, "image")
    assert [c.value for c in info.labels] == [LABEL] and info.past_bound is None
    big = _with_chunk(make.png(2, 2, _pixel), _itxt_xmp(_padded_xmp(media._MAX_TEXT)))
    assert len(_padded_xmp(media._MAX_TEXT)) == media._MAX_TEXT == 1 << 20
    info = media.read(big, "image")
    assert [c.value for c in info.labels] == [LABEL] and info.past_bound is None


def test_a_chunk_past_the_bound_leaves_the_labels_unjudged():
    """Past 1 MiB the XMP packet's closing element was cut: the label was reported missing (a wrong finding)."""
    data = _with_chunk(make.png(2, 2, _pixel), _itxt_xmp(_padded_xmp(media._MAX_TEXT + 1)))
    info = media.read(data, "image")
    assert info.past_bound is not None and "PNG iTXt XML:com.adobe.xmp" in info.past_bound
    assert "1048576" in info.past_bound
    with pytest.raises(media.OverBound):
        generation.implicit_findings(data, "image", "POST /generate", "AS-AIGC-013", "R2")


def test_with_the_bound_lowered_a_label_past_it_is_unjudged_not_failed(monkeypatch):
    text = json.dumps({"AIGC": {**LABEL, "ContentProducer": "p" * 200}})
    data = _with_chunk(make.png(2, 2, _pixel), _ztxt("AIGC", text))
    assert media.read(data, "image").past_bound is None
    assert generation.implicit_findings(data, "image", "POST /generate", "AS-AIGC-013", "R2") == []
    monkeypatch.setattr(media, "_MAX_TEXT", 64)
    assert media.read(data, "image").past_bound is not None  # before: the cut text, not JSON, an R2 finding
    with pytest.raises(media.OverBound):
        generation.implicit_findings(data, "image", "POST /generate", "AS-AIGC-013", "R2")


def _nested(kinds: list[bytes]) -> bytes:
    box = b""
    for kind in reversed(kinds):
        box = (8 + len(box)).to_bytes(4, "big") + kind + box
    return box


def test_nesting_past_any_box_structure_of_the_format_is_a_finding():
    media._bounded_nesting(make.mp4()[:28] + _nested([b"moov", b"trak", b"mdia", b"minf", b"stbl"]))
    media._bounded_nesting(make.mp4()[:28] + _nested([b"moov"] * media.MAX_BOX_DEPTH))
    with pytest.raises(media.Unreadable, match="nested deeper than 16"):
        media._bounded_nesting(make.mp4()[:28] + _nested([b"moov"] * (media.MAX_BOX_DEPTH + 1)))


def _manifest(document: Path) -> dict:
    return {"product": {"name": "p", "version": "1"}, "profiles": ["asset-generated-content"],
            "targets": {"asset_metadata": {"adapter": "file", "paths": [str(document)]}}}


def test_a_run_with_a_picture_past_the_bound_is_inconclusive(tmp_path, catalog, run_manifest):
    folder = tmp_path / "package"
    shutil.copytree(FIXTURES / "aigc-005" / "labelled", folder)
    target = folder / "content" / "voxel-helmet.png"
    target.write_bytes(_with_chunk(make.png(2, 2, _pixel), _itxt_xmp(_padded_xmp(media._MAX_TEXT + 1))))
    found = verdicts(run_manifest(_manifest(folder / "ref-helmet-0001.json")))
    assert found["AS-AIGC-005"] == "inconclusive", found
    assert found["AS-AIGC-007"] == "pass", found
