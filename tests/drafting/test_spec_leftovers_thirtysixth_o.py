"""The thirty-sixth reading's leftovers of issue 76, part o (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part o"): rows a8 (IF-CON-001's unprobed operation), a10 (IF-MOD-002's discovery document), a13
(IF-IOP-001's registration and import), a14 (the user-data set-ups' statuses) and a16 (IF-AUTH-001/-003's
random token). The texts say what the checks do (IF-CON-001 and IF-MOD-002 in wording), each changed check a minor step with a note line in both
languages. Each test fails on the draft or the catalog as they were before (5bb48482); the checks' changes are
tested in tests/areas/interfaces/ (test_interop_identity, test_setup_statuses,
test_auth_token)."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT
from tests.drafting.versions import not_earlier

STEPS = {**{f"IF-UDP-{n:03d}": v for n, v in zip(range(1, 14), (
    "1.2.0", "1.2.0", "1.2.0", "1.1.0", "1.3.0", "2.2.0", "1.1.0", "1.1.0", "1.2", "1.4", "1.2", "1.1.0", "1.4.0"))},
         "IF-TDX-001": "1.1.0", "IF-BIO-001": "1.3.0", "IF-CON-001": "1.2.1", "IF-MOD-002": "1.4.1",
         "IF-IOP-001": "1.2.0", "IF-AUTH-001": "2.2.0", "IF-AUTH-003": "1.1.0"}


def _lines(zh_markdown: str, en_markdown: str, rid: str) -> tuple[dict[str, str], dict[str, str]]:
    return _verdict_lines(_cases(zh_markdown)[rid], "zh"), _verdict_lines(_cases(en_markdown)[rid], "en")


def _catalog() -> dict[str, dict]:
    document = yaml.safe_load((ROOT / "suites/interfaces/requirements.yaml").read_text(encoding="utf-8"))
    items = document["requirements"] if isinstance(document, dict) else document
    return {r["id"]: r for r in items}


def test_a8_the_contract_case_says_its_verdict_covers_the_requests_sent(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, en_markdown, "IF-CON-001")
    # since 1.5 (seventy-fourth reading, h139-paths) every answer is judged as the operation probed: the line names
    # step 2 sending no request at all, still the case's whole, no longer one operation's
    assert "第 2 步未发送任何请求，致使无法作出判定" in zh["不确定"], zh
    assert "step 2 sends no request at all, so nothing can be judged" in en["Inconclusive"], en
    assert "致使该操作无法作出判定" not in zh["不确定"]
    steps = _steps(_cases(zh_markdown)["IF-CON-001"], "zh")
    assert any("不发送请求，仅在记录中列出，判定覆盖所发送的请求" in s for s in steps), steps


def test_a10_the_removal_case_names_the_unserved_discovery_document(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, en_markdown, "IF-MOD-002")
    assert zh["不确定"].startswith("不确定：服务发现文档未以 200 应答或不是 JSON（由 IF\u2011DISC\u2011001 判定）"), zh
    assert en["Inconclusive"].startswith("Inconclusive: the discovery document is not answered 200 or is not JSON"), en


def test_a13_the_interop_import_takes_annex_ds_201(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, en_markdown, "IF-IOP-001")
    assert "导入未以附录 D 规定的 201 应答" in zh["不通过"], zh  # worded so by the thirty-seventh reading's a17
    assert "the import not answered the 201 annex D gives" in en["Fail"], en
    assert any("查看是否得到附录 D 接口契约规定的 201" in s for s in _steps(_cases(zh_markdown)["IF-IOP-001"], "zh"))


def test_a14_the_biometric_consent_is_inconclusive_unless_answered_204(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, en_markdown, "IF-BIO-001")
    assert "步的同意（`PUT`）未按附录 D 以 204 应答" in zh["不确定"], zh
    assert "the consent (`PUT`) is not answered 204 as annex D gives" in en["Inconclusive"], en


@pytest.mark.parametrize("rid", sorted(STEPS))
def test_each_changed_case_steps_with_a_note_in_both_languages(rid):
    requirement = _catalog()[rid]
    version = STEPS[rid]
    assert not_earlier(requirement["version"], version)
    # a later part may join its own to part o's line (IF-BIO-001: part t)
    assert f"{version} (issue 76, " in requirement["notes"]["en"] and re.search(r"part o[);]", requirement["notes"]["en"])
    assert f"{version} 版（议题 76，" in requirement["notes"]["zh"] and re.search("第 o 部分[）；]", requirement["notes"]["zh"])
