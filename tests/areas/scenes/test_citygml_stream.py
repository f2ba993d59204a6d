"""SC-CITY-010 reads a CityGML file as a stream, in pieces, never the whole file at once nor
through the target's whole-file read (issue 48), with the findings of the whole-tree reader."""

from __future__ import annotations

import io

from conformance.adapters.file import FileAdapter
from conformance.areas.scenes import citygml
from tests.paths import ROOT

DISTRICT = ROOT / "src" / "conformance" / "reference" / "samples" / "citygml_models" / "district.gml"


class Pieces(io.RawIOBase):
    """A stream that records how much each read asked for."""

    def __init__(self, data: bytes) -> None:
        self._data, self._at, self.asked = data, 0, []

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self.asked.append(len(buffer))
        n = min(len(buffer), len(self._data) - self._at)
        buffer[:n] = self._data[self._at:self._at + n]
        self._at += n
        return n

    def read(self, size: int = -1) -> bytes:
        assert size is not None and size >= 0, "read the whole stream at once"
        return super().read(size)


def _large(copies: int) -> bytes:
    text = DISTRICT.read_text(encoding="utf-8")
    start, end = text.index("  <cityObjectMember>"), text.index("</CityModel>")
    members = "".join(text[start:end].replace("building-a", f"b{i}") for i in range(copies))
    return (text[:start] + members + text[end:]).encode()


def test_a_large_file_is_read_in_pieces_and_judged_as_a_whole():
    data = _large(400)  # about 2 MB
    stream = Pieces(data)
    judged = citygml.judge_stream(stream)
    assert judged.findings == [] and judged.ids == 1 + 400 * 14 and judged.local_links == 400 * 6
    assert sum(stream.asked) >= len(data) and max(stream.asked) <= 1 << 20


def test_a_repeat_far_apart_is_found_as_in_the_whole_tree():
    data = _large(300).replace(b'gml:id="b299-roof"', b'gml:id="b0-roof"')
    [finding] = citygml.judge_stream(Pieces(data)).findings
    assert finding.rule == "R3" and finding.actual == "b0-roof"
    assert citygml.judge(data).findings == [finding]


def test_sc_city_010_does_not_read_the_whole_file(run_manifest, monkeypatch):
    read: list[tuple[str, str]] = []
    real = FileAdapter.read_bytes

    def read_bytes(self, path):
        import inspect

        # the reading check, past the shared reader that leaves a refused file unjudged (adapters/file.readable)
        read.append((path.name, next(f.function for f in inspect.stack()[1:] if f.function != "readable")))
        return real(self, path)

    monkeypatch.setattr(FileAdapter, "read_bytes", read_bytes)
    result = run_manifest({"product": {"name": "stream", "version": "1"}, "profiles": [{"id": "scene-citygml"}],
                           "targets": {"citygml_models": {"adapter": "file", "paths": [str(DISTRICT)]}}})
    assert {r.requirement: r.verdict.value for r in result.report.requirements} == \
        {"SC-CITY-010": "pass", "SC-CITY-011": "pass"}
    assert read == [("district.gml", "test_citygml_schema_valid")]
