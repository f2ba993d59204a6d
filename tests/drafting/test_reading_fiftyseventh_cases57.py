"""The fifty-seventh reading, part h111-cases57 (docs/drafting.md, "Fifty-seventh reading, part h111-cases57"):
annex D defined a ban as refusing every request, though IF-CODE-006 advances the test sanction clock with the banned
identity's token (b1); D.5.36 gave only the session messages the platform sends, not the ones the cases send (b3);
TD-RATE-001 to -003 called a capture without a rated stream not applicable, though every profile they run for
requires one (c3); TD-PWR-003 gave the 60 s after the cut-off a reason resting on a reading rate it does not set
(c4). Each test fails on the draft as it was before (68aae225)."""

from __future__ import annotations

import re

from tests.drafting.test_reading_fiftyfifth_cases55 import _case
from tests.drafting.test_reading_fiftysixth_h110cases56 import _criterion, _requirement


def test_b1_annex_d_exempts_the_test_only_sanction_operations(zh_markdown):
    """The sanction paragraph that defines a ban as refusing every request says the two test-only operations the
    cases send with a sanctioned identity's token are served, as the reference platform serves them."""
    paragraph = next(line for line in zh_markdown.splitlines() if line.startswith("处罚标识（"))
    assert "一切请求" in paragraph
    exempt = paragraph.split("一切请求", 1)[1]
    assert "`imposeTestSanction` 与 `advanceTestModerationClock` 三项操作不受处罚限制" in exempt
    # IF-CODE-006 R4: the provisioning operation is exempt too, save the registration bars_registration bars
    # (fifty-seventh reading, part h113-annexE, bx1)
    assert "`provisionTestIdentity`、`imposeTestSanction`" in exempt and "`bars_registration` 为 `true` 的封禁" in exempt


def test_b3_every_session_message_a_case_sends_is_in_annex_d(zh_markdown):
    """Every `session.*` method a normative case names is a `method` value of D.5.36's tables, and the bearer token
    the join carries is a member there."""
    heading = re.search(r"^#### (D\.5\.\d+) `interfaces/session-message\.json`$", zh_markdown, re.M)
    assert heading
    clause = zh_markdown[heading.end():zh_markdown.index("\n#### ", heading.end())]
    defined = {name for line in clause.splitlines() if ".method` |" in line or line.startswith("| `method` |")
               for name in re.findall(r"`(session\.[a-z]+)`", line)}
    cases = zh_markdown[:zh_markdown.index("\n## 附录")]
    named = set(re.findall(r"`(session\.[a-z]+)`", cases))
    assert {"session.join", "session.publish", "session.snapshot"} <= named
    assert named <= defined, named - defined
    assert "| `params.token` | `string` | 是 |" in clause


def test_c3_rate_cases_call_a_capture_without_a_rated_stream_inconclusive(zh_markdown):
    """Every profile the rate cases are run for requires a sampled stream that declares rate_hz: a capture without
    one is missing evidence (不确定), and nothing the profiles allow leaves the case not applicable."""
    for rid in ("TD-RATE-001", "TD-RATE-002", "TD-RATE-003"):
        case = _case(zh_markdown, rid)
        assert _criterion(case, "不适用").startswith("不适用：无（"), rid
        assert "没有声明 `rate_hz` 的数据流" in _criterion(case, "不确定"), rid


def test_c3_the_rate_check_raises_inconclusive_without_a_rated_stream():
    from pathlib import Path

    source = (Path(__file__).parents[2] / "suites" / "terminal" / "test_timing.py").read_text(encoding="utf-8")
    assert 'raise Inconclusive(msg("terminal.no-rate"))' in source and "NotApplicable" not in source


def test_c4_the_power_cut_off_margin_rests_on_what_the_case_fixes():
    """The 60 s after the cut-off is reasoned from each reading being the mean since the previous one (the case's
    condition), not from tens of readings at an interval the case never sets."""
    notes = _requirement("terminal", "TD-PWR-003")["notes"]
    zh = notes["zh"].split("1.2.1 版")[0]
    assert "数十个读数" not in zh and "不论其读数间隔如何" in zh
    assert "tens of the analyser's readings" not in notes["en"]
