"""The fifty-seventh reading, part h113-annexE (docs/drafting.md, "Fifty-seventh reading, part h113-annexE"): E.1
said every datum a test case reads is in this annex's formats, though the cases also read annex D's messages and
public formats their own standards define (ax2); E.7 did not say whether the bench capture it names is a measuring
capture (row E.7); IF-CODE-006's R4 sent its registration with the banned identity's token, which the ban refuses
as one of that identity's every requests, so R4 decided nothing (bx1). Each test fails on the tree before (b894c882)."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from conformance.reference import create_app
from conformance.reference.interfaces import moderation
from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line


def _annex_e(markdown: str, heading: str) -> str:
    start = markdown.index(heading)
    return markdown[start:markdown.index("\n## ", start + 1)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ax2_e1_lists_exactly_the_clauses_of_annex_e_and_sends_the_rest_elsewhere(lang, zh_markdown, en_markdown):
    """The class of ax2: E.1's opening lists every clause of annex E after E.1, by its title and number, and nothing
    else; the interfaces' messages go to annex D and any other data to the standards the case cites."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    annex = _annex_e(markdown, "## 附录 E（规范性）数据格式" if lang == "zh" else "## Annex E (normative) Data formats")
    clauses = re.findall(r"^### (E\.\d+) (.+)$", annex, re.M)[1:]
    assert len(clauses) > 20
    general = annex.split("\n\n")[2]
    opening = general.split("。" if lang == "zh" else ". ", 1)[0]
    listed = re.findall(r"([^、：]+?)（(E\.\d+)）" if lang == "zh" else r"(?:: |, (?:and )?)(?:the )?(.+?) \((E\.\d+)\)",
                        opening)
    assert [number for _, number in listed] == [number for number, _ in clauses]
    for (number, title), (said, _) in zip(clauses, listed):
        bare = re.sub(r"\s*[（(]`[^`]+`[）)]$", "", title)
        assert said.lower().removeprefix("the ") == bare.lower().removeprefix("the "), number
    if lang == "zh":
        assert "测试用例读取的数据应符合本附录规定的格式" not in general
        assert "消息与应答的格式见附录 D" in general and "其他数据应符合该测试用例所引用的标准" in general
    else:
        assert "The data the test cases read shall be in the formats this annex specifies" not in general
        assert "are specified in Annex D" in general and "other data a test case reads shall conform to the standards" \
            in general


def test_e7_the_bench_capture_is_a_measuring_capture(zh_markdown, en_markdown):
    """Row E.7: the scent analyses record's `capture` names the bench capture as a measuring capture (clause 3's
    term): the laboratory's photoionization detector records it, as in TD-OLF-005 (annex E names no requirement)."""
    assert re.search(r"^测量类采集文件  measuring capture$", zh_markdown, re.M)
    for markdown, term in ((zh_markdown, "测量类采集文件"), (en_markdown, "measuring capture")):
        clause = markdown[markdown.index("`terminal/scent-analyses.json`）" if markdown is zh_markdown
                                         else "(`terminal/scent-analyses.json`)"):]
        row = next(line for line in clause.splitlines() if line.startswith("| `capture` |"))
        assert term in row and "test.applyScent" in row, row


def test_bx1_annex_d_leaves_the_linked_registration_to_bars_registration_alone(zh_markdown, en_markdown):
    """bx1: annex D's sanction paragraph exempts the test provisioning operation from every sanction save a ban
    declaring bars_registration, and IF-CODE-006's step 6 registers through that operation."""
    paragraph = next(line for line in zh_markdown.splitlines() if line.startswith("处罚标识（"))
    exempt = paragraph.split("一切请求", 1)[1]
    assert "`provisionTestIdentity`、`imposeTestSanction` 与 `advanceTestModerationClock` 三项操作不受处罚限制" in exempt
    assert "`bars_registration` 为 `true` 的封禁生效期间" in exempt
    english = next(line for line in en_markdown.splitlines() if line.startswith("Sanction IDs ("))
    assert "`provisionTestIdentity`, `imposeTestSanction` and `advanceTestModerationClock` are not refused" in english
    step = next(s for s in _line(_case(zh_markdown, "IF-CODE-006"), "测试步骤").split("<br>") if "规则 R4" in s)
    assert "仅用于测试部署的开通操作" in step and "除声明 `bars_registration` 的封禁外不受任何处罚限制" in step


def _banned_registration(monkeypatch: pytest.MonkeyPatch, bars: bool) -> int:
    """The status the reference answers the banned identity's request for a new identity linked to it, with the ban
    barring registration (``bars``) or not."""
    if not bars:
        monkeypatch.setitem(moderation.REFUSES, "ban", moderation.REFUSES["ban"] - {"register"})
    with TestClient(create_app()) as client:
        first = client.post("/test-identities", json={}).json()
        auth = {"Authorization": f"Bearer {first['token']}"}
        assert client.post("/test-moderation/sanctions", json={"sanction": "ban"}, headers=auth).status_code == 201
        assert client.post("/assets", json={}, headers=auth).status_code == 403  # R1: every request of A
        return client.post("/test-identities", json={"linked_to": first["did"]}, headers=auth).status_code


def test_bx1_the_registration_r4_judges_is_refused_by_bars_registration_not_by_the_ban_alone(monkeypatch):
    """The class of bx1 made observable: on the reference, the ban alone (R1's refusal of every request of A) does not
    refuse the linked registration step 6 sends; only the ban's bars_registration does, so a platform ignoring it
    registers the identity and R4 fails (the known-bad case `ban-registration-open`)."""
    assert _banned_registration(monkeypatch, bars=True) == 403
    monkeypatch.undo()
    assert _banned_registration(monkeypatch, bars=False) == 201
