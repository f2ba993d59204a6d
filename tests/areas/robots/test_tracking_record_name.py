"""Clause 3 names the external tracker's file 跟踪记录 (tracking record), never a capture (采集):
the robots area's Chinese texts say so wherever they mean that file (part h94-small)."""

import re

from tests.paths import ROOT

_TEXTS = (ROOT / "src" / "conformance" / "areas" / "robots" / "messages.yaml",
          ROOT / "suites" / "robots" / "requirements.yaml", ROOT / "suites" / "robots" / "procedures.yaml")


def test_the_tracker_file_is_a_tracking_record_in_every_robots_text():
    # 不是采集文件: the version notes that record the renaming itself
    found = [(path.name, hit) for path in _TEXTS
             for hit in re.findall(r".{0,20}采集(?!文件（仅措辞）).{0,10}", path.read_text(encoding="utf-8"))]
    assert found == []
