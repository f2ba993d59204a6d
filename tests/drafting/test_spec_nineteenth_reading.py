"""The nineteenth reading of issue 76 (docs/drafting.md, "Nineteenth reading"): a setting without a default says so,
not Python's `None`. Each test fails on the draft as it was before the fix it names; the scans also on a planted
defect."""

from __future__ import annotations

import re

from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_CONDITIONS = {"zh": "前置条件", "en": "Initial conditions"}
_CRITERIA = {"zh": "判定准则", "en": "Verdict criteria"}


def _field(markdown: str, label: str) -> dict[str, str]:
    return {rid: _row(case, label) for rid, case in _cases(markdown).items()}


def _python_none(text: str) -> list[str]:
    """Every place a text prints Python's None as a value."""
    return re.findall(r".{0,30}`None`.{0,10}", text)


def test_the_scan_finds_a_planted_python_none():
    assert _python_none("已按 IXIT（附录 A）提供：配置项 `known_did`（默认 `None`）。")
    assert not _python_none("配置项 `known_did`（无默认值）")


def test_a_setting_without_a_default_says_so(zh_markdown, en_markdown):
    """Finding 1: 「配置项 `known_did`（默认 `None`）」 in 9 前置条件 and `None` in annex A's 7 IXIT rows."""
    for markdown in (zh_markdown, en_markdown):
        assert _python_none(markdown) == []
    zh = _field(zh_markdown, _CONDITIONS["zh"])
    assert "配置项 `known_did`（无默认值）" in zh["ID-RES-001"]
    assert "配置项 `known_did`（无默认值）、配置项 `unknown_did`（默认 `did:web:unknown.invalid`）" in zh["ID-RES-002"]
    en = _field(en_markdown, _CONDITIONS["en"])
    assert "setting `known_did` (no default)" in en["ID-RES-001"]
    assert re.search(r"^\| 配置项 `known_did` \| [^|]* \| — \|", zh_markdown, re.M)
