"""The leftovers of the twenty-eighth reading of issue 76, part p (docs/drafting.md, "Leftovers of the
twenty-eighth reading, part p"): annexes A, D and E. The withdrawn AS-MINOR-002 is nowhere in the draft (rows b2,
b4); test.getRecognizedExpression's result describes what its schema carries (b3); trading.test_clock states its
use (b5); the categories vocabulary holds EMG (b6); view_cone_deg's Chinese (b7); the XAUR needs, OpenXR members
and Table E.7 in the Chinese annex E (b8). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

import pytest


def _row(markdown: str, member: str) -> str:
    """The description cell of the first table row of ``member`` (annex D or E)."""
    line = next(line for line in markdown.splitlines() if line.startswith(f"| `{member}` |"))
    return line.rstrip(" |").rsplit(" | ", 1)[1]


def test_a_withdrawn_requirement_has_no_ics_item(zh_markdown, en_markdown, catalog):
    """Rows b2 and b4: B.3 says a withdrawn requirement is not in the document, yet annex A asked for AS-MINOR-002's
    support under an undefined status 「i（已废止）」 and D.6 described its deprecated heartbeat."""
    withdrawn = [r.id for r in catalog.requirements.values() if r.status == "deprecated"]
    assert withdrawn
    for markdown in (zh_markdown, en_markdown):
        for req_id in withdrawn:
            assert req_id.replace("-", "\u2011") not in markdown and req_id not in markdown
    assert "已废止）" not in zh_markdown and "(withdrawn)" not in en_markdown
    # the member left annex D with its heartbeat (part h110-cases56, bx2: play sessions post to the fixed
    # /play-sessions), so neither the member nor the heartbeat is in the draft
    for markdown in (zh_markdown, en_markdown):
        assert "`minors.playtime.sessions`" not in markdown and "heartbeat" not in markdown


def test_the_recognised_expression_is_one_as_its_schema(zh_markdown, en_markdown):
    """Row b3: the result promised the expressions recognised since the last call, in time order, where the schema
    carries one expression and one time."""
    zh = _row(zh_markdown, "test.getRecognizedExpression")
    assert "一个表情：自上一次调用以来最早识别出的表情" in zh and "按时间先后" not in zh
    en = _row(en_markdown, "test.getRecognizedExpression")
    assert "one expression: the earliest recognised since the previous call" in en and "oldest first" not in en


def test_the_test_clock_member_states_its_use(zh_markdown, en_markdown):
    """Row b5: D.6's lead-in asks a member reaching no operation of the annex to state its use; trading.test_clock
    said only that the annex does not define its operation. The fifty-fifth reading (a5) withdrew the member, which
    no requirement used, rather than keep it in a normative annex."""
    for markdown in (zh_markdown, en_markdown):
        assert "trading.test_clock" not in markdown


# 表 E.1's `streams[]` refers to 表 E.2 (thirty-first reading, b11): its members are printed there only
@pytest.mark.parametrize("member", ["offers[].personal_data.categories[]", "personal_data.categories[]"])
def test_the_categories_hold_emg(zh_markdown, en_markdown, member):
    """Row b6: the biometric description names EMG, the categories vocabulary had no `emg`."""
    for markdown in (zh_markdown, en_markdown):
        line = next(line for line in markdown.splitlines() if line.startswith(f"| `{member}` |"))
        assert "`emg`" in line


def test_the_view_cone_is_the_span_of_all_views(zh_markdown):
    """Row b7: the Chinese defined the view cone as the angle each view subtends."""
    for member in ("system.display.light_field.view_cone_deg",):  # 表 E.4's (表 E.1 refers to it)
        said = _row(zh_markdown, member)
        assert "各视点在最佳观看距离处共同覆盖的角度" in said and "所张" not in said


def test_the_chinese_annex_e_gives_what_the_english_gives(zh_markdown, en_markdown):
    """Row b8: the Chinese accessibility rows gave no XAUR user need, the tracking rows no OpenXR member, and
    offers[].type cited the frames' table by description where it has a number."""
    for member in ("captions", "mono_audio", "input_modes", "seated_mode", "colour_filters", "magnification"):
        assert "XAUR" in _row(en_markdown, f"accessibility.{member}")
        assert "XAUR 的用户需求“" in _row(zh_markdown, f"accessibility.{member}")
    assert "`orientationTracking`" in _row(zh_markdown, "system.tracking.orientation")
    assert "`positionTracking`" in _row(zh_markdown, "system.tracking.position")
    # the number the description cites is the frames' table's, found by its title (the schema cites it by anchor:
    # a typed 「表 E.10」 went stale when formats came before it, forty-first reading, part h94-fmt3)
    zh_number = re.search(r"^表 (E\.\d+)　各类数据流的帧所携带的成员$", zh_markdown, re.M).group(1)
    en_number = re.search(r"^Table (E\.\d+) — Members of each stream type's frames$", en_markdown, re.M).group(1)
    assert zh_number == en_number
    for member in ("offers[].type",):  # 表 E.4's (表 E.1 refers to it)
        assert f"（见表 {zh_number}）" in _row(zh_markdown, member)
        assert f"(see Table {en_number})" in _row(en_markdown, member)
