"""The leftovers of the thirty-fifth reading of issue 76, part d (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part d"): the 不确定 lines of the interface families. Every check reading its declaration through
`_shared/discovery.declared_member` is inconclusive on a discovery document not answered 200 or not JSON (row a11);
a set-up profile set or consent is named by annex D's one status, not 200, 201 or 204 (row a10); IF-IOP-002 and
-003 name the identities their set-up provisions (row a16); IF-CODE-005 names the item B issues before the
sanction (row a8). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: The cases whose checks read a declaration through `declared_member` (row a11); IF-SCN-002's line is written out
#: since the forty-second reading (b8), not "as for IF-SCN-001".
_DECLARED = [f"IF-UDP-{n:03d}" for n in range(1, 14)] + ["IF-BIO-001", "IF-TDX-001"] + \
    [f"IF-SES-{n:03d}" for n in range(1, 7)] + [f"IF-CODE-{n:03d}" for n in (1, 5, 6, 9, 10)] + \
    ["IF-SCN-001", "IF-SCN-002"]

#: The user-data cases whose set-up sets a profile (row a10).
_PROFILE_SET = [f"IF-UDP-{n:03d}" for n in range(1, 14)] + ["IF-TDX-001"]


def _plain(text: str) -> str:
    """The text with the renderer's non-breaking hyphens as plain ones, so an identifier reads one way."""
    return text.replace("\u2011", "-")


def _inconclusive(markdown: str, rid: str, lang: str) -> str:
    return _plain(_verdict_lines(_cases(markdown)[rid], lang)["不确定" if lang == "zh" else "Inconclusive"])


def test_every_declared_member_case_names_an_unserved_discovery_document(zh_markdown, en_markdown):
    """Row a11: the lines named a member not declared, never the discovery document not served, which
    `discovery_document` turns into inconclusive (`shared.unread`) before any declaration is read."""
    for rid in _DECLARED:
        assert "服务发现文档未以 200 应答或不是 JSON" in _inconclusive(zh_markdown, rid, "zh"), rid
        assert "discovery document is not answered 200 or is not JSON" in _inconclusive(en_markdown, rid, "en"), rid


def test_set_up_profile_sets_and_consents_name_annex_d_status_alone(zh_markdown, en_markdown):
    """Row a10: table D.3 gives `PUT /users/{did}/profile` 200 alone and the consent `PUT` 204 alone; the lines
    counted 200, 201 or 204 as a profile set (and IF-UDP-012's step 4 as well)."""
    for rid in _PROFILE_SET:
        zh, en = _plain(_cases(zh_markdown)[rid]), _plain(_cases(en_markdown)[rid])
        assert "201 或 204" not in zh and "201 or 204" not in en, rid
        if rid == "IF-UDP-011":  # since 1.5 (part h109-cases55, b1) its R1 judges its own first set: never inconclusive
            assert "资料未能设置" not in _inconclusive(zh_markdown, rid, "zh"), rid
            assert "profile set" not in _inconclusive(en_markdown, rid, "en"), rid
            continue
        assert "资料未能设置（未按附录 D 以 200 应答" in _inconclusive(zh_markdown, rid, "zh"), rid
        assert "not answered 200 as annex D gives" in _inconclusive(en_markdown, rid, "en"), rid
        assert "由 IF-UDP-011 判定" in _inconclusive(zh_markdown, rid, "zh"), rid
    assert "同意未能给予（未按附录 D 以 204 应答）" in _inconclusive(zh_markdown, "IF-UDP-010", "zh")
    assert "consent is not given (not answered 204 as annex D gives)" in _inconclusive(en_markdown, "IF-UDP-010", "en")


def test_interop_lines_name_the_identities_their_set_up_provisions(zh_markdown, en_markdown):
    """Row a16: `Session` provisions the identities under `precondition`; the lines named only an unreachable
    platform and the asset or credential."""
    zh2, en2 = _inconclusive(zh_markdown, "IF-IOP-002", "zh"), _inconclusive(en_markdown, "IF-IOP-002", "en")
    assert re.search(r"第 \d+ 步的测试身份未能在源平台上开通", zh2) and "导入身份未能在导入平台上开通" in zh2
    assert "cannot be provisioned at the source platform" in en2 and "at the importing platform" in en2
    assert re.search(r"第 \d+ 步的测试身份未能在源平台上开通", _inconclusive(zh_markdown, "IF-IOP-003", "zh"))
    assert "cannot be provisioned at the source platform" in _inconclusive(en_markdown, "IF-IOP-003", "en")


def test_the_linked_sanction_case_names_the_item_b_issues(zh_markdown, en_markdown):
    """Row a8: `sanctions.actor` has B issue an item (`POST /assets`, 201) before the sanction and is
    inconclusive without it; IF-CODE-006 named its items, IF-CODE-005 did not."""
    zh, en = _cases(zh_markdown)["IF-CODE-005"], _cases(en_markdown)["IF-CODE-005"]
    zh_step = next(s for s in _row(zh, "测试步骤").split("<br>") if "另一身份 B" in s)
    en_step = next(s for s in _row(en, "Test procedure").split("<br>") if "another identity B" in s)
    assert "B 经 `POST /assets` 发行一件资产" in zh_step and "let B issue an item through `POST /assets`" in en_step
    number = re.match(r"\D*(\d+)\.", zh_step).group(1)
    assert f"B 未能发行第 {number} 步的资产（`POST /assets` 未以 201 应答）" in _inconclusive(zh_markdown, "IF-CODE-005", "zh")
    assert f"B cannot issue the item of step {number} (`POST /assets` not answered 201)" in \
        _inconclusive(en_markdown, "IF-CODE-005", "en")
