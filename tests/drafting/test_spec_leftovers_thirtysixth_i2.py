"""The leftovers of the thirty-sixth reading of issue 76, part i2 (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part i"): the version steps of the cases whose hand-written inconclusive lines part i changed (row c3);
RB-JOINT-001 inconclusive on recordings holding no message (row c4; the check's test is in
tests/areas/robots/test_verdict_states.py); SC-CITY-011's not-applicable line names the state its check gives when
no `.gml` file is a CityGML 3.0 `CityModel` (row c5); SC-FEED-001/-002's inconclusive lines name the states of an
empty service and of no `Datastream` (row c15). Each test fails on the catalog or the draft as they were before."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.drafting.versions import not_earlier

_STEPPED = {"RB-JOINT-003": "1.2.1", "RB-TRACK-001": "1.4.1", "RB-TRACK-002": "1.0.5", "SC-CITY-007": "2.5.4",
            "SC-CITY-008": "2.5.3", "SC-CITY-009": "2.5.2", "SC-CITY-012": "1.5.2", "SC-CITY-013": "1.3.3",
            "SC-TILE-004": "1.1.2"}


@pytest.mark.parametrize("rid", sorted(_STEPPED))
def test_part_is_wording_has_its_version_step(catalog, rid):
    """Row c3: part i rewrote these cases' hand-written inconclusive lines without a version step."""
    req = catalog.requirements[rid]
    version = _STEPPED[rid]
    assert not_earlier(req.version, version), rid
    assert f"{version} (issue 76, thirty-sixth reading's leftovers, part i):" in req.notes.en, rid
    assert f"{version} 版（议题 76，第三十六次审读遗留问题，第 i 部分）" in req.notes.zh, rid


def test_recordings_holding_no_message_are_inconclusive_in_the_text(zh_markdown, en_markdown):
    """Row c4: the check now gives 不确定 for recordings holding no message; the line names that state."""
    assert "关节状态记录中没有任何关节状态消息" in _verdict_lines(_cases(zh_markdown)["RB-JOINT-001"], "zh")["不确定"]
    en = _verdict_lines(_cases(en_markdown)["RB-JOINT-001"], "en")["Inconclusive"]
    assert "hold no joint-state message" in en


def test_no_citygml_3_file_is_not_applicable_in_the_text(zh_markdown, en_markdown):
    """Row c5: `.gml` files none of which is a CityGML 3.0 `CityModel` give 不适用 (scenes.no-citygml-3), which the
    line said never happens (「不适用：无」)."""
    zh = _verdict_lines(_cases(zh_markdown)["SC-CITY-011"], "zh")["不适用"]
    assert "不适用：无" not in zh and "CityGML 2.0" in zh and "CityGML 3.0 的 `CityModel`" in zh
    en = _verdict_lines(_cases(en_markdown)["SC-CITY-011"], "en")["Not applicable"]
    assert "none (" not in en and "none has a CityGML 3.0 `CityModel` as its root" in en


def test_the_feed_cases_name_their_empty_states(zh_markdown, en_markdown):
    """Row c15: scenes.feed-empty (SC-FEED-001) and scenes.feed-no-datastreams (SC-FEED-002) are 不确定 states
    the lines did not name, as SC-FEED-003 and -005 to -007 do."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    assert "实体集中没有任何实体" in _verdict_lines(zh["SC-FEED-001"], "zh")["不确定"]
    assert "entity sets hold no entity" in _verdict_lines(en["SC-FEED-001"], "en")["Inconclusive"]
    assert "其中没有任何 `Datastream`" in _verdict_lines(zh["SC-FEED-002"], "zh")["不确定"]
    assert "holds no `Datastream`" in _verdict_lines(en["SC-FEED-002"], "en")["Inconclusive"]
