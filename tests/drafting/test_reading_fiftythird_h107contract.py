"""The fifty-third reading, part h107-contract (docs/drafting.md, "Fifty-third reading, part h107-contract"): annex D
against the cases. D.5 said ID-MFA-002 observes RFC 9470's 401 challenge where the case judges any 4xx, and wrote the
RFC's section 3 as 「第 3 章」 (b1); D.5's `setTestClock` note named only play sessions and age, though fourteen cases
move other time limits on the clock (b2); table D.3's `readScene` row left out IF-SCN-002 (b3); AS-TRADE-004 filed its
set-up statuses under R1 without saying why (bx1); annex B wrote 「经 HTTP(S) 访问」 (ax1). Each test fails on the draft
as it was before (ef340ff1)."""

from __future__ import annotations

import re

from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line, unlisted_callers
from tests.drafting.test_reading_fiftysecond_h106contracts import CALLED_IN_WORDS_B2, _d3_rows

_IDS = re.compile(r"\b[A-Z]+-[A-Z]+-\d{3}\b")


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")  # the draft's non-breaking hyphens in identifiers


def _d5_note(markdown: str, operation: str) -> str:
    return _plain(next(line for line in markdown.splitlines() if line.startswith(f"| `{operation}` | ")))


def test_b1_annex_d_says_what_id_mfa_002_judges(zh_markdown, en_markdown):
    """D.5's `removeTotp` note keeps RFC 9470's 401 challenge as the contract's answer and says the case judges a
    4xx only (its step 3 and check), no longer that the case observes the status and the header."""
    zh = _d5_note(zh_markdown, "removeTotp")
    assert "观察二者" not in zh and "ID-MFA-002 只判定该请求以 `4xx` 被拒绝" in zh, zh
    assert "RFC 9470 第 3 节" in zh
    step = _plain(_line(_case(zh_markdown, "ID-MFA-002"), "测试步骤")).replace("`", "")
    assert "以 4xx 拒绝（RFC 9470 第 3 节" in step
    en = _d5_note(en_markdown, "removeTotp")
    assert "observes both" not in en and "judges only that the request is refused with a" in en, en


def test_b1_an_rfc_place_is_a_section(zh_markdown):
    """The class of b1's second half: an RFC is numbered in sections, so the draft writes 「RFC N 第 M 节」, never
    「第 M 章」 (RFC 9470, 8615, 8259, 4648, 7519 and 6585 had it)."""
    assert not re.findall(r"RFC \d+ 第 [\d.]+ 章", zh_markdown)
    assert "RFC 8615 第 3 节" in zh_markdown and "RFC 6585 第 4 节" in zh_markdown


def test_b2_the_test_clock_note_covers_every_case_moving_it(zh_markdown, en_markdown):
    """Every case table D.3 lists with `setTestClock` whose text names the test clock (IF-AUTH-001/-003 call it only
    as a bearer operation) is named in D.5's note, which says, as 3.30 does, that the clock is the identity's time for
    its age, service windows and time limits, not its play sessions and age alone."""
    listed = set(_IDS.findall(_plain(_d3_rows(zh_markdown)["setTestClock"])))
    moving = {rid for rid in listed if re.search(r"测试时钟|`clock_path`", _case(zh_markdown, rid))}
    assert {"AS-TRADE-004", "IF-MOD-002", "IF-UDP-006", "IF-UDP-012", "IF-BIO-001"} <= moving
    note = _d5_note(zh_markdown, "setTestClock")
    assert moving - set(_IDS.findall(note)) == set()
    assert "年龄、服务时段与时限" in note and "（其游戏会话与年龄）" not in note
    assert "(its play sessions, its age)" not in en_markdown and "service windows and time limits" in en_markdown


def test_b3_the_published_scene_read_back_is_listed(catalog):
    """The class of b3 (h105-contract's b3, h106-contracts' b2): a case fetching the bytes a platform serves for a
    published scene (IF-SCN-002's step 2) is listed with `readScene` in table D.3."""
    called = {**CALLED_IN_WORDS_B2, "readScene": r"取回平台 [AB] 提供的字节"}
    by_id, missing = unlisted_callers(catalog, called)
    assert missing == {operation: [] for operation in called}
    assert {"IF-SCN-001", "IF-SCN-002"} <= set(by_id["readScene"])


def test_bx1_the_trade_set_up_says_why_it_is_filed_under_r1(zh_markdown, en_markdown):
    """AS-TRADE-004 files the order's 201 and the settlement's 200 under R1 (the refund's premise) and a discovery
    document allowing no trade under no rule; step 1 and the fail line say so, not a bare 「（规则 R1）」."""
    case = _case(zh_markdown, "AS-TRADE-004")
    step = _line(case, "测试步骤").split("<br>2. ", 1)[0]
    assert "查看是否得到 200（规则 R1）" not in step
    assert "二者为规则 R1 所述退款的前提，其不符合项记在规则 R1 下" in step and "不记在任何规则下" in step
    fail = _line(case, "判定准则").split("不通过：", 1)[1]
    assert "也未列出代币（不记在任何规则下）" in fail
    assert "卖方的结算未得到 200（R1 所述退款的前提，记在 R1 下）" in fail
    assert "the premise of the refund R1 states, filed under R1" in _case(en_markdown, "AS-TRADE-004")


def test_ax1_http_or_https_in_words(zh_markdown):
    """「HTTP(S)」 stands in the Chinese draft only as the W3C DID Resolution section's name (「HTTP(S) 绑定」); annex B
    and the discovery document's `endpoints` write 「HTTP 或 HTTPS」, as the environment lines do."""
    assert [m.group(0) for m in re.finditer(r"HTTP\(S\)(?! 绑定)", zh_markdown)] == []
    assert "测试工具经 HTTP 或 HTTPS 访问被测平台" in zh_markdown
    assert "经 HTTP 或 HTTPS 访问被测平台的 DID 解析" in zh_markdown
