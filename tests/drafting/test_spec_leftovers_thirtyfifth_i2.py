"""The leftovers of the thirty-fifth reading of issue 76, part i2 (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part i2"): row c5 in `suite.py::check_rule`, which consulted unreadable capture headers only when no
stream of its types was found. Each case it serves with its own test case now passes only when every capture's
header is read and names an unreadable header as inconclusive; every requirement it serves records the changed check
in a note line of both languages. Each test fails on the catalog as it was before; the check's change is tested in
tests/areas/terminal/test_check_rule_unread.py."""

from __future__ import annotations

import re

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

#: check_rule's requirements with a test case of their own (procedures.yaml)
WITH_CASE = ["TD-DEPTH-001", "TD-RADAR-001", "TD-FORCE-002", "TD-AUD-001", "TD-HAND-001", "TD-POSE-001",
             "TD-POSE-002", "TD-GAZE-001", "TD-FACE-001", "TD-FACE-002", "TD-OLF-001", "TD-BODY-001", "TD-BCI-001",
             "TD-BCI-003"]
#: and those whose case is the generated one
GENERATED = ["TD-HAND-003", "TD-DISP-003", "TD-DISP-007", "TD-DISP-008", "TD-FACE-003", "TD-OLF-002", "TD-BODY-002",
             "TD-VOICE-001"]


@pytest.mark.parametrize("rid", WITH_CASE)
def test_a_pass_needs_every_capture_header_read(rid, zh_markdown, en_markdown):
    """Row c5: beside captures that pass, a capture whose header cannot be read left the run passing."""
    zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
    en = _verdict_lines(_cases(en_markdown)[rid], "en")
    # TD-FORCE-002 names its offers too since the thirty-sixth reading (part f): "…均能读取，每个…，且…"
    assert "每个采集文件的文件头均能读取，" in zh["通过"], zh
    assert "every capture's header can be read," in en["Pass"], en
    assert "文件头无法读取或无法解析" in zh["不确定"] or "文件头无法解析" in zh["不确定"], zh
    assert "header cannot be read or parsed" in en["Inconclusive"] or "header cannot be parsed" in en["Inconclusive"], en


@pytest.mark.parametrize("rid", WITH_CASE + GENERATED)
def test_the_changed_check_has_its_note_line(rid, catalog):
    """Row c5: the changed check is a minor step, with its note line in both languages."""
    requirement = catalog.requirement(rid)
    # the step i2 took: a later one (TD-FORCE-002 2.3, the thirty-sixth reading's part f) keeps it in the notes
    version = re.search(r"(\d+\.\d+) \(issue 76, thirty-fifth reading's leftovers, part i2\): a capture whose header",
                        requirement.notes.en)
    assert version, requirement.notes.en
    zh = f"{version.group(1)} 版（议题 76，第三十五次审读遗留问题，第 i2 部分）：文件头无法读取或无法解析的采集文件记为未判定"
    assert zh in requirement.notes.zh and "无法作出判定" in requirement.notes.zh
