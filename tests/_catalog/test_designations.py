"""suites/designations.json read again once rewritten (a long-lived process, the warm one among them, would
otherwise print the numbers it read first after ``catalog docs`` renumbered the annexes)."""

from __future__ import annotations

import json

from conformance._catalog.designations import designations, resolve_text


def test_a_rewritten_file_is_read_again_in_the_same_process(tmp_path):
    (tmp_path / "suites").mkdir()
    path = tmp_path / "suites" / "designations.json"
    path.write_text(json.dumps({"{table:provisions}": "D.3"}), encoding="utf-8")
    assert resolve_text("见 {table:provisions}", designations(tmp_path)) == "见 D.3"
    path.write_text(json.dumps({"{table:provisions}": "D.14"}), encoding="utf-8")
    assert resolve_text("见 {table:provisions}", designations(tmp_path)) == "见 D.14"


def test_a_missing_or_broken_file_resolves_nothing(tmp_path):
    assert designations(tmp_path) == {}
    (tmp_path / "suites").mkdir()
    (tmp_path / "suites" / "designations.json").write_text("[not json", encoding="utf-8")
    assert resolve_text("见 {table:provisions}", designations(tmp_path)) == "见 {table:provisions}"
